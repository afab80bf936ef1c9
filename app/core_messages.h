#pragma once
// Messages from core (errors, sentence-file diagnostics) are English sentences built at run
// time. The GUI translates them phrase by phrase: file names, numbers and quoted words stay
// as they are, every known phrase is replaced by its translation.
#include <QCoreApplication>
#include <QString>

#include <string>

namespace laminar {

class CoreMessages {
  Q_DECLARE_TR_FUNCTIONS(laminar::CoreMessages)
 public:
  static QString translate(const std::string& english);
  static QString translate(const QString& english);
};

}  // namespace laminar
