// LAMINAR_SKIP_REFERENCE itself (tests/ci_skip.h): skipped normally, a failure under CI=true.
#include "tests/ci_skip.h"

TEST(CiSkip, ReferenceSkipIsAFailureInCi) { LAMINAR_SKIP_REFERENCE("probe: the reference fixture is absent"); }
