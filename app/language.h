#pragma once
// The interface language: English (the source strings) or Vietnamese (laminar_vi.qm, and
// qtbase_vi.qm for the words of Qt's own the window shows: Qt ships no Vietnamese).
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
  // Where a catalogue's .qm for a language is found (installed data folder, then the
  // built-in copy): CATALOGUE_CODE.qm, catalogue "laminar" or "qtbase"; empty if none.
  static QString qmPath(const QString& code, const QString& catalogue = QStringLiteral("laminar"));
  QLocale screenLocale() const;  // numbers on screen follow the interface language
  // Says again the words Qt gives its own parts of `root` once, when they are made (dock
  // buttons' and tab scroll buttons' screen-reader names), in the language now installed.
  static void retranslateQtParts(QWidget* root);

 signals:
  void changed(const QString& code);

 private:
  Language() = default;
  bool install(const QString& code);  // laminar_CODE.qm as the translator; false if none loads
  void installQtWords(const QString& code);  // qtbase_CODE.qm where there is one
  QTranslator translator_;
  QTranslator qtTranslator_;
  bool installed_ = false;
  bool qtInstalled_ = false;
  QString current_ = QStringLiteral("en");
};

}  // namespace laminar
