// conv1d runs the four GEMMs of every block (model/conv1d.h). Its results are held to float64
// and to themselves: a row's bits may not depend on how many rows follow it, whatever the
// library behind it picks for a GEMM of that shape (oneDNN changes its blocking, and with it
// the order of a row's sums, between a few hundred and a thousand rows), nor on oneDNN on
// where the row sits.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "model/conv1d.h"
#include "model/torch_runtime.h"
#include "model_test_support.h"

namespace laminar::test {
namespace {

struct Shape {
  int64_t in, out;
};
// gpt2-tiny's, GPT-2 small's attention, and GPT-2 XL's c_attn and mlp.c_proj.
const Shape kShapes[] = {{64, 192}, {768, 2304}, {1600, 4800}, {6400, 1600}};

torch::Tensor randomMatrix(int64_t rows, int64_t cols, double scale, uint64_t seed) {
  torch::manual_seed(seed);
  return (torch::randn({rows, cols}) * scale).contiguous();
}

TEST(Conv1d, MatchesFloat64WithinFloat32Rounding) {
  for (const Shape& s : kShapes) {
    torch::Tensor x = randomMatrix(100, s.in, 1.0, 1), w = randomMatrix(s.in, s.out, 0.02, 2);
    torch::Tensor b = randomMatrix(1, s.out, 0.1, 3).view({s.out});
    torch::Tensor exact = torch::addmm(b.to(torch::kFloat64), x.to(torch::kFloat64), w.to(torch::kFloat64));
    torch::Tensor y = conv1d(x, w, b);
    ASSERT_EQ(y.sizes(), exact.sizes());
    // Each output sums `in` products of about 0.02 in size: float32 rounding of such a sum
    // stays far below 1e-5 (a wrong row, column or bias is off by 0.01 or more).
    EXPECT_LE(maxAbsDiff(y.to(torch::kFloat64), exact), 1e-5) << s.in << " x " << s.out << " with " << cpuGemmLibrary();
  }
}

TEST(Conv1d, ARowsBitsDoNotDependOnTheRowsAfterIt) {
  const int64_t allRows = 1104;  // above the row count where oneDNN's blocking changes
  for (const Shape& s : kShapes) {
    torch::Tensor x = randomMatrix(allRows, s.in, 1.0, 4), w = randomMatrix(s.in, s.out, 0.02, 5);
    torch::Tensor b = randomMatrix(1, s.out, 0.1, 6).view({s.out});
    torch::Tensor all = conv1d(x, w, b);
    for (int64_t rows : {1, 13, 47, 48, 49, 240, 545, 600}) {
      torch::Tensor some = conv1d(x.narrow(0, 0, rows), w, b);
      EXPECT_TRUE(torch::equal(some, all.narrow(0, 0, rows)))
          << s.in << " x " << s.out << ", first " << rows << " of " << allRows << " rows with " << cpuGemmLibrary()
          << ": max |diff| " << maxAbsDiff(some, all.narrow(0, 0, rows));
    }
  }
}

// oneDNN gives a row the same bits wherever it sits among the rows (so a batch's rows are
// independent of each other, test_truncation.cpp); libtorch's BLAS only where it moves by whole
// row blocks (a sequence run alone starts at row 0 either way).
TEST(Conv1d, ARowsBitsDoNotDependOnItsPlaceAmongTheRows) {
  const int64_t allRows = 600;
  const bool oneDnn = cpuGemmLibrary().rfind("oneDNN ", 0) == 0;
  const std::vector<int64_t> shifts = oneDnn ? std::vector<int64_t>{1, 5, 17, 47, 48, 95} : std::vector<int64_t>{48, 96};
  for (const Shape& s : kShapes) {
    torch::Tensor x = randomMatrix(allRows, s.in, 1.0, 7), w = randomMatrix(s.in, s.out, 0.02, 8);
    torch::Tensor b = randomMatrix(1, s.out, 0.1, 9).view({s.out});
    torch::Tensor all = conv1d(x, w, b);
    for (int64_t shift : shifts) {
      torch::Tensor some = conv1d(x.narrow(0, shift, 300), w, b);
      EXPECT_TRUE(torch::equal(some, all.narrow(0, shift, 300)))
          << s.in << " x " << s.out << ", rows from " << shift << " with " << cpuGemmLibrary()
          << ": max |diff| " << maxAbsDiff(some, all.narrow(0, shift, 300));
    }
  }
}

TEST(Conv1d, SaysWhichLibraryRunsIt) {
  const char* requested = std::getenv("LAMINAR_GEMM");
  const bool blas = requested && std::string(requested) == "blas";
#ifdef LAMINAR_EXPECT_ONEDNN
  if (!blas) {
    EXPECT_EQ(cpuGemmLibrary().rfind("oneDNN ", 0), 0u) << cpuGemmLibrary();
    return;
  }
#endif
  EXPECT_EQ(cpuGemmLibrary(), "libtorch addmm (its BLAS)");
  (void)blas;
}

}  // namespace
}  // namespace laminar::test
