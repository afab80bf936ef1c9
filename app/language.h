#pragma once
// The interface language: English (the source strings) or Vietnamese (laminar_vi.qm).
// Switching installs the translator; every window retranslates on QEvent::LanguageChange.
// On first start the system locale decides; afterwards the saved choice.
#include <QLocale>
#include <QObject>
#include <QString>
#include <QTranslator>

namespace laminar {

class Language : public QObject {
  Q_OBJECT
 public:
  static Language& instance();

  QString current() const { return current_; }  // "en" or "vi"
  // Installs the language ("en", "vi"); returns false when its translation is missing.
  bool set(const QString& code);
  static QStringList available() { return {QStringLiteral("en"), QStringLiteral("vi")}; }
  static QString displayName(const QString& code);  // in its own language: "English", "Tiếng Việt"
  // The saved choice, else the system locale's language when we have it, else English.
  static QString initial();
  // Where the .qm of a language is found (installed data folder, then the built-in copy).
  static QString qmPath(const QString& code);
  QLocale screenLocale() const;  // numbers on screen follow the interface language

 signals:
  void changed(const QString& code);

 private:
  Language() = default;
  bool install(const QString& code);  // laminar_CODE.qm as the translator; false if none loads
  QTranslator translator_;
  bool installed_ = false;
  QString current_ = QStringLiteral("en");
};

}  // namespace laminar
