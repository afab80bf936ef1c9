#include "app/language.h"

#include <QApplication>
#include <QCoreApplication>
#include <QFileInfo>
#include <QSettings>
#include <QWidget>

#include "util/data_paths.h"

namespace laminar {

Language& Language::instance() {
  static Language language;
  return language;
}

QString Language::displayName(const QString& code) {
  if (code == QLatin1String("vi")) return QStringLiteral("Tiếng Việt");
  return QStringLiteral("English");
}

QString Language::initial() {
  const QString saved = QSettings().value(QStringLiteral("ui/language")).toString();
  if (available().contains(saved)) return saved;
  return QLocale::system().language() == QLocale::Vietnamese ? QStringLiteral("vi") : QStringLiteral("en");
}

QString Language::qmPath(const QString& code, const QString& catalogue) {
  const std::string name = catalogue.toStdString() + "_" + code.toStdString() + ".qm";
  try {
    return QString::fromStdString(findDataPath("translations/" + name).string());
  } catch (...) {
  }
  const QString builtIn = QStringLiteral(":/i18n/") + QString::fromStdString(name);
  return QFileInfo::exists(builtIn) ? builtIn : QString();
}

QLocale Language::screenLocale() const {
  if (current_ == QLatin1String("vi")) return QLocale(QLocale::Vietnamese, QLocale::Vietnam);
  const QLocale system = QLocale::system();
  return system.language() == QLocale::Vietnamese ? QLocale(QLocale::English, QLocale::UnitedStates) : system;
}

void Language::retranslateQtParts(QWidget* root) {
  struct Part {
    const char* objectName;
    const char* context;
    const char* name;
    const char* description;  // nullptr: none
  };
  static const Part parts[] = {
      {"qt_dockwidget_floatbutton", "QDockWidget", "Float", "Undocks and re-attaches the dock widget"},
      {"qt_dockwidget_closebutton", "QDockWidget", "Close", "Closes the dock widget"},
      {"ScrollLeftButton", "QTabBar", "Scroll Left", nullptr},
      {"ScrollRightButton", "QTabBar", "Scroll Right", nullptr},
  };
  for (const Part& part : parts)
    for (QWidget* w : root->findChildren<QWidget*>(QLatin1String(part.objectName))) {
      w->setAccessibleName(QCoreApplication::translate(part.context, part.name));
      if (part.description) w->setAccessibleDescription(QCoreApplication::translate(part.context, part.description));
    }
}

bool Language::install(const QString& code) {
  const QString path = qmPath(code);
  if (path.isEmpty() || !translator_.load(path)) return false;
  installed_ = QCoreApplication::installTranslator(&translator_);
  return true;
}

void Language::installQtWords(const QString& code) {
  if (qtInstalled_) QCoreApplication::removeTranslator(&qtTranslator_);
  const QString path = qmPath(code, QStringLiteral("qtbase"));
  qtInstalled_ = !path.isEmpty() && qtTranslator_.load(path) && QCoreApplication::installTranslator(&qtTranslator_);
}

bool Language::set(const QString& code) {
  if (installed_) {
    QCoreApplication::removeTranslator(&translator_);
    installed_ = false;
  }
  // English is the sources' own text but for its plural forms ("1 text", "54 texts" for
  // "%n text(s)"), which laminar_en.qm holds: without it English still works, with "(s)".
  const bool ok = install(code) || code == QLatin1String("en");
  if (!ok) install(QStringLiteral("en"));
  current_ = ok ? code : QStringLiteral("en");
  installQtWords(current_);
  QLocale::setDefault(screenLocale());
  // The default locale only reaches widgets created from now on; spin boxes and other
  // widgets that format numbers cache theirs, so hand the new one to every open window
  // (a LocaleChange event then reaches each child).
  if (qobject_cast<QApplication*>(QCoreApplication::instance()))
    for (QWidget* window : QApplication::topLevelWidgets()) window->setLocale(screenLocale());
  emit changed(current_);
  return ok;
}

}  // namespace laminar
