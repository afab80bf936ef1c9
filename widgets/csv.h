#pragma once
// CSV cells: numbers always in the C locale with round-trip precision, whatever the
// user's locale; text quoted when it needs to be.
#include <QString>

namespace laminar::csv {

QString number(double value);  // "nan" / "inf" spelled as numpy reads them
QString text(const QString& value);

}  // namespace laminar::csv
