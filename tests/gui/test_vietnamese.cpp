// Vietnamese without English inside (issue 14 item 4): a list of common English words must
// not appear in any Vietnamese string the app can show: every translation of the .ts, every
// core message filled with sample parameters, the real errors of broken sentence files, and
// every text, tooltip, menu, caption and screen-reader text of the main window after a run (also after switching
// language mid-session). Sizes and numbers follow the language.
#include <QtTest>

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QMenu>
#include <QProgressBar>
#include <QRegularExpression>
#include <QSet>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTreeView>
#include <QTreeWidget>
#include <QXmlStreamReader>

#include <cerrno>
#include <cstring>
#include <map>

#include "analysis/sentence_set.h"
#include "app/core_messages.h"
#include "app_test_setup.h"
#include "app/figure_set.h"
#include "app/language.h"
#include "app/main_window.h"
#include "app/model_panel.h"
#include "app/models_dialog.h"
#include "app/number_format.h"
#include "app/run_worker.h"
#include "app/sentence_panel.h"
#include "app/view_help.h"
#include "util/data_paths.h"
#include "util/message.h"
#include "widgets/attention_pattern_views.h"
#include "widgets/figure_view.h"

using namespace laminar;

namespace {

// Common English words that have no place in a Vietnamese sentence. Loanwords the Vietnamese
// interface keeps on purpose (token, byte, checkpoint, attention, MLP, histogram, cosine;
// see translations/vi_glossary.py) and names (GPT-2, CUDA, KSG, CSV, PNG, JSON, Hugging Face,
// Kendall ...) are not listed. Nor are words that are also Vietnamese without their marks
// ("can", "than", "to", "in", "an", "no", "on", "me", "my").
const QSet<QString>& englishWords() {
  static const QSet<QString> words = [] {
    QSet<QString> w;
    for (const char* s :
         {"the", "of", "and", "or", "found", "pair", "pairs", "line", "lines", "file", "files", "folder", "folders", "layer",
          "layers", "text", "texts", "row", "rows", "column", "columns", "with", "without", "not", "is", "are", "was", "has",
          "have", "from", "for", "by", "this", "that", "these", "it", "its", "cannot", "must", "should", "would", "will",
          "expected", "missing", "skipped", "ignored", "empty", "error", "warning", "word", "words", "model", "models",
          "result", "results", "directory", "field", "fields", "header", "use", "used", "see", "more", "only", "one", "first",
          "need", "needs", "show", "shows", "click", "each", "every", "all", "any", "which", "when", "where", "then", "value",
          "values", "number", "open", "save", "cancel", "yes", "please", "loading", "running", "done", "shown", "here",
          "there", "into", "between", "per", "after", "before", "same", "other", "some", "what", "how", "size", "name",
          "type", "unknown", "back", "forward", "view", "delete", "select", "copy", "paste", "undo", "redo", "help",
          "close", "apply", "reset", "retry", "ignore", "discard", "abort", "sentence", "sentences", "occurrence",
          "occurrences", "distance", "mean", "variance", "similarity", "correlation", "significant", "mask",
          "available", "target", "position", "context", "too", "long", "few", "split", "letter", "letters", "left",
          "time", "run", "runs", "untrained", "control", "compared", "exported", "opened", "saved", "cancelled",
          "figure", "figures", "export", "settings", "language", "quit", "next", "previous", "last", "faster", "slower",
          "big", "side", "panels", "about", "welcome", "download", "downloads", "parameters", "shape", "status",
          "seconds", "minutes", "estimating", "page", "press", "mode", "presentation"})
      w.insert(QString::fromLatin1(s));
    return w;
  }();
  return words;
}

// The English words of `text`: markup, placeholders, quoted literals ("# target: WORD", a
// file's own words), paths, options and identifiers (n_positions, config.json, --target)
// removed first, since they are names, not language.
QStringList englishIn(QString text) {
  static const QRegularExpression tags(QStringLiteral("<[^>]*>"));
  static const QRegularExpression quoted(QStringLiteral("\"[^\"]*\"|“[^”]*”|'[^']*'|‘[^’]*’"));
  static const QRegularExpression technical(QStringLiteral("\\S*[_/=\\\\]\\S*|\\S*\\.[A-Za-z]\\S*|--\\S+|%[0-9n]|&[a-z]+;"));
  static const QRegularExpression nonLetters(QStringLiteral("[^\\p{L}]+"));
  text.remove(tags).remove(quoted).remove(technical).remove(QLatin1Char('&'));
  QStringList found;
  for (const QString& word : text.split(nonLetters, Qt::SkipEmptyParts))
    if (englishWords().contains(word.toLower())) found << word;
  return found;
}

// A sample value for every parameter name core uses, as a Vietnamese user would meet it.
std::string sample(const std::string& name) {
  static const std::map<std::string, std::string> values = {
      {"file", "/home/lan/cau.txt"}, {"count", "3"}, {"lines", "2, 5"}, {"indices", "0, 4"}, {"line", "4"},
      {"column", "7"}, {"byte", "0xE1"}, {"extension", ".docx"}, {"fields", "3"}, {"expected", "2"}, {"target", "her"},
      {"problems", "2"}, {"marked", "cô ấy"}, {"tokens", "1500"}, {"max", "1024"}, {"token", "5"}, {"position", "1"},
      {"pairs", "1"}, {"tensor", "h.0.attn.c_attn.weight"}, {"shape", "[768, 2304]"}, {"needed", "[768, 2304]"},
      {"dtype", "I8"}, {"wte", "[50257, 768]"}, {"field", "n_embd"}, {"present", "vocab.json"},
      {"name", "tokenizer/vocab.json"}, {"searched", " /usr/share/laminar"}, {"reason", "EACCES"},
      {"detail", "0x7B"}, {"mib", "40"}, {"limit", "32"}, {"found", "\"câu\", \"nhãn\""}, {"key", "ghi_chu"},
      {"type", "number"}, {"shard", "model-00001-of-00002.safetensors"}, {"what", "openai-community/gpt2/config.json"},
      {"host", "huggingface.co"}, {"doneBytes", "1200000000"}, {"totalBytes", "6431878936"},
      {"neededBytes", "6448656152"}, {"index", "/home/lan/mo-hinh/model.safetensors.index.json"},
      {"otherFile", "/home/lan/mo-hinh/model-00002-of-00002.safetensors"}, {"width", "768"}, {"text", "12"}, {"freeBytes", "2147483648"}, {"size", "548118077"}, {"part", "/home/lan/.cache/x.incomplete"},
      {"repo", "openai-community/gpt2-xl"}, {"status", "503"}, {"revision", "main"},
      {"where", "openai-community/gpt2/config.json (revision main)"}, {"folder", "/home/lan/mo-hinh"},
      {"value", "-3"}, {"other", "\"ấy\""}, {"id", "50300"}, {"merge", "\"c ô\""},
      {"command", "laminar-cli download gpt2-xl"}, {"choices", "gpt2, gpt2-medium, gpt2-large, gpt2-xl"}};
  auto it = values.find(name);
  return it == values.end() ? "?" : it->second;
}

Message sampleMessage(const std::string& code) {
  Message m;
  m.code = code;
  for (const char* name : {"file", "count", "lines", "indices", "line", "column", "byte", "extension", "fields", "expected",
                           "target", "problems", "marked", "tokens", "max", "token", "position", "pairs", "tensor", "shape",
                           "needed", "dtype", "wte", "field", "present", "name", "searched", "reason", "detail", "mib",
                           "limit", "found", "key", "type", "shard", "what", "host", "doneBytes", "totalBytes", "neededBytes", "freeBytes", "index", "otherFile", "width", "text", "size", "part", "repo",
                           "status", "revision", "where", "folder", "value", "other", "id", "merge", "command", "choices"})
    m.params.push_back({name, sample(name)});
  m.english = "English text of " + code;
  return m;
}

// Everything a window shows in words, widget by widget, except the user's own texts (the
// token preview and the typed sentence are the sentence file's words, in any language).
QStringList shownStrings(QWidget* root) {
  QStringList out;
  auto add = [&out](const QObject* o, const QString& s) {
    if (!s.trimmed().isEmpty()) out << QStringLiteral("[%1] %2").arg(QString::fromLatin1(o->metaObject()->className()), s);
  };
  QList<QWidget*> widgets = root->findChildren<QWidget*>();
  widgets << root;
  for (QWidget* w : widgets) {
    add(w, w->toolTip());
    add(w, w->statusTip());
    add(w, w->whatsThis());
    add(w, w->accessibleName());  // what a screen reader says (the figures' title, caption, layer)
    add(w, w->accessibleDescription());
    if (w->isWindow() || qobject_cast<QDockWidget*>(w)) add(w, w->windowTitle());
    if (auto* l = qobject_cast<QLabel*>(w)) add(l, l->text());
    if (auto* b = qobject_cast<QAbstractButton*>(w)) add(b, b->text());
    if (auto* g = qobject_cast<QGroupBox*>(w)) add(g, g->title());
    if (auto* e = qobject_cast<QLineEdit*>(w)) add(e, e->placeholderText());
    if (auto* p = qobject_cast<QProgressBar*>(w)) add(p, p->text());
    if (auto* s = qobject_cast<QStatusBar*>(w)) add(s, s->currentMessage());
    if (auto* m = qobject_cast<QMenu*>(w)) add(m, m->title());
    if (auto* c = qobject_cast<QComboBox*>(w))
      for (int i = 0; i < c->count(); ++i) add(c, c->itemText(i)), add(c, c->itemData(i, Qt::ToolTipRole).toString());
    if (auto* t = qobject_cast<QTabWidget*>(w))
      for (int i = 0; i < t->count(); ++i) add(t, t->tabText(i)), add(t, t->tabToolTip(i));
    if (auto* list = qobject_cast<QListWidget*>(w))
      for (int i = 0; i < list->count(); ++i) add(list, list->item(i)->text()), add(list, list->item(i)->toolTip());
    if (auto* tree = qobject_cast<QTreeWidget*>(w))
      for (int c = 0; c < tree->columnCount(); ++c) add(tree, tree->headerItem()->text(c));
    if (auto* f = qobject_cast<FigureView*>(w)) add(f, f->caption()), add(f, f->tabTitle());
    for (QAction* a : w->actions()) add(a, a->text()), add(a, a->toolTip()), add(a, a->statusTip());
  }
  return out;
}

QStringList withEnglish(const QStringList& strings) {
  QStringList bad;
  for (const QString& s : strings)
    if (const QStringList e = englishIn(s); !e.isEmpty()) bad << s + QStringLiteral("\n    English: ") + e.join(QLatin1Char(' '));
  bad.removeDuplicates();
  return bad;
}

}  // namespace

class VietnameseTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  QString tinyModel_;

  QString write(const QString& name, const QByteArray& content) {
    const QString path = dir_.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) return {};
    f.write(content);
    return path;
  }

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    prepareApplicationTest(dir_);
    tinyModel_ = createTestModel(dir_, QStringLiteral("tiny"), "64x2x4");
  }
  void cleanup() { Language::instance().set(QStringLiteral("en")); }

  // The checker itself finds the examples and passes loanwords, names and literals.
  void theCheckerFindsEnglish() {
    QCOMPARE(englishIn(QStringLiteral("dòng 1: byte 3 of the dòng")), QStringList({"of", "the"}));
    QCOMPARE(englishIn(QStringLiteral("(or 2 pairs in all); found 0 pairs")), QStringList({"or", "pairs", "all", "found", "pairs"}));
    QVERIFY(englishIn(QStringLiteral("token đích của GPT-2 trên CUDA, tệp \"# target: TỪ\", --target, n_positions, config.json"))
                .isEmpty());
    QVERIFY(englishIn(QStringLiteral("<b>Tầng</b> 3 — “the file”")).isEmpty());
  }

  // Every Vietnamese translation the app ships.
  void noEnglishWordsInTheTranslations() {
    QFile ts(QStringLiteral(LAMINAR_SOURCE_DIR "/translations/laminar_vi.ts"));
    QVERIFY(ts.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&ts);
    QStringList problems;
    QString source;
    int checked = 0;
    while (!xml.atEnd()) {
      xml.readNext();
      if (!xml.isStartElement()) continue;
      if (xml.name() == QLatin1String("source")) source = xml.readElementText();
      if (xml.name() == QLatin1String("translation") || xml.name() == QLatin1String("numerusform")) {
        const QString vi = xml.readElementText(QXmlStreamReader::IncludeChildElements);
        if (vi.trimmed().isEmpty()) continue;
        ++checked;
        if (const QStringList e = englishIn(vi); !e.isEmpty())
          problems << QStringLiteral("%1\n    -> %2\n    English: %3").arg(source, vi, e.join(QLatin1Char(' ')));
      }
    }
    QVERIFY(!xml.hasError());
    QVERIFY2(checked > 300, qPrintable(QString::number(checked)));
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
  }

  // Every core message in Vietnamese with sample parameters; a failed run's English detail
  // lines are replaced by a pointer to the translated list.
  void coreMessagesInVietnameseHaveNoEnglish() {
    QVERIFY(Language::instance().set(QStringLiteral("vi")));
    QStringList problems;
    for (const std::string& code : allMessageCodes()) {
      const QString vi = CoreMessages::translate(sampleMessage(code));
      if (vi.startsWith(QStringLiteral("English text"))) problems << QString::fromStdString(code) + QStringLiteral(": not translated");
      if (const QStringList e = englishIn(vi); !e.isEmpty())
        problems << QStringLiteral("%1: %2 (%3)").arg(QString::fromStdString(code), vi, e.join(QLatin1Char(' ')));
    }
    Message failed = sampleMessage("target.no_usable_text");
    failed.detail = "\n  her.txt: line 3: error: 1500 tokens, longer than the model's n_positions (1024); text skipped";
    failed.english += failed.detail;  // as core writes it
    const QString vi = CoreMessages::translate(failed);
    QVERIFY2(vi.contains(QLatin1Char('\n')) && englishIn(vi).isEmpty(), qPrintable(vi));
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    // In English the CLI's words, detail included.
    Language::instance().set(QStringLiteral("en"));
    QVERIFY(CoreMessages::translate(failed).endsWith(QStringLiteral("text skipped")));
  }

  // Inside a message, a size follows the language's number format and the system's reason for
  // a failed file operation (the C library's English) is said in the language too.
  void messageSizesAndSystemReasonsFollowTheLanguage() {
    Message full(msg::kFileWriteFailed, {{"file", "/home/lan/ket-qua/results.json"}, {"reason", std::strerror(ENOSPC)}},
                 std::string("/home/lan/ket-qua/results.json: write failed: ") + std::strerror(ENOSPC));
    Message truncated(msg::kHubTruncated,
                      {{"what", "gpt2/model.safetensors"}, {"doneBytes", "1520000000"}, {"totalBytes", "6431878936"},
                       {"part", "/tmp/x.incomplete"}},
                      "English");
    QVERIFY(Language::instance().set(QStringLiteral("vi")));
    const QString vi = CoreMessages::translate(full);
    QVERIFY2(vi.contains(QStringLiteral("đĩa đã hết chỗ trống")) && englishIn(vi).isEmpty(), qPrintable(vi));
    const QString viSizes = CoreMessages::translate(truncated);
    QVERIFY2(viSizes.contains(QStringLiteral("1,52 GB")) && viSizes.contains(QStringLiteral("6,43 GB")), qPrintable(viSizes));
    QVERIFY(Language::instance().set(QStringLiteral("en")));
    QCOMPARE(CoreMessages::translate(full), QString::fromStdString(full.english));  // English: core's own words
  }

  // The real errors and diagnostics of broken sentence files, as the panel shows them.
  void realSentenceFileProblemsInVietnamese() {
    QVERIFY(Language::instance().set(QStringLiteral("vi")));
    const QStringList broken = {
        write(QStringLiteral("bad-utf8.txt"), QByteArray("ok\nb\xE1x\n")),
        write(QStringLiteral("no-text-column.csv"), QByteArray("label,other\nx,y\n")),
        write(QStringLiteral("unclosed.csv"), QByteArray("text\n\"never closed\nmore\n")),
        write(QStringLiteral("header-quote.csv"), QByteArray("\"text\"x\nHello her\n")),
        write(QStringLiteral("not-object.json"), QByteArray("[1, 2]")),
        write(QStringLiteral("target-number.json"), QByteArray("{\"target\": 3, \"texts\": [\"a\"]}")),
        write(QStringLiteral("no-texts.json"), QByteArray("{\"target\": \"her\"}")),
        write(QStringLiteral("empty-texts.json"), QByteArray("{\"target\": \"her\", \"texts\": []}")),
        write(QStringLiteral("number-texts.json"), QByteArray("{\"target\": \"her\", \"texts\": [3, \" \"]}")),
        write(QStringLiteral("doc.docx"), QByteArray("her")),
    };
    for (const QString& path : broken) {
      try {
        loadSentenceSet(path.toStdString());
        QFAIL(qPrintable(path + QStringLiteral(": no error")));
      } catch (const std::exception& e) {
        const QString vi = CoreMessages::translate(e);
        QVERIFY2(vi != QString::fromUtf8(e.what()), qPrintable(QStringLiteral("untranslated: ") + vi));
        QVERIFY2(englishIn(vi).isEmpty(), qPrintable(vi));
        QVERIFY2(vi.contains(path), qPrintable(vi));
      }
    }
    // Files that load, with problems listed line by line.
    const QString rows = write(QStringLiteral("rows.csv"), QByteArray("text,target\n\"a\"b,her\nx,y,z\n,her\nShe saw her,her\n"));
    const QString json = write(QStringLiteral("keys.json"), QByteArray("{\"target\": \"her\", \"note\": 1, \"texts\": [\"I saw her\", 3, \"\"]}"));
    const QString txt = write(QStringLiteral("target-empty.txt"), QByteArray("# target:\nI saw her\n\n"));
    int diagnostics = 0;
    for (const QString& path : {rows, json, txt}) {
      const SentenceSet set = loadSentenceSet(path.toStdString());
      for (const Diagnostic& d : set.diagnostics) {
        ++diagnostics;
        const QString vi = CoreMessages::translate(d);
        QVERIFY2(vi != QString::fromStdString(d.message), qPrintable(QStringLiteral("untranslated: ") + vi));
        QVERIFY2(englishIn(vi).isEmpty(), qPrintable(vi));
      }
    }
    QVERIFY2(diagnostics >= 7, qPrintable(QString::number(diagnostics)));
  }

  // Sizes and numbers as the language writes them, in the Models dialog and the downloads.
  void sizesFollowTheLanguage() {
    const QLocale vi(QLocale::Vietnamese, QLocale::Vietnam), en(QLocale::English, QLocale::UnitedStates);
    QCOMPARE(NumberFormat::dataSize(1520000000, vi), QStringLiteral("1,52 GB"));
    QCOMPARE(NumberFormat::dataSize(1520000000, en), QStringLiteral("1.52 GB"));
    QCOMPARE(NumberFormat::dataSize(38400000, en), QStringLiteral("38.4 MB"));
    QCOMPARE(NumberFormat::dataSize(999, vi), QStringLiteral("999 B"));
    QVERIFY(Language::instance().set(QStringLiteral("vi")));
    QVERIFY2(englishIn(NumberFormat::duration(125)).isEmpty(), qPrintable(NumberFormat::duration(125)));
    QVERIFY(NumberFormat::duration(125).contains(QStringLiteral("05")));
  }

  // English counts in words, not "(s)": its plural forms (laminar_en.qm) are loaded with it,
  // also after Vietnamese.
  void englishCountsHavePluralForms() {
    for (const QString& before : {QStringLiteral("en"), QStringLiteral("vi")}) {
      QVERIFY(Language::instance().set(before));
      QVERIFY(Language::instance().set(QStringLiteral("en")));
      QCOMPARE(SentencePanel::tr("%1 — %n text(s)", nullptr, 54).arg(QStringLiteral("her.txt")),
               QStringLiteral("her.txt — 54 texts"));
      QCOMPARE(SentencePanel::tr("%1 — %n text(s)", nullptr, 1).arg(QStringLiteral("one.txt")),
               QStringLiteral("one.txt — 1 text"));
      QCOMPARE(AttentionHeadsView::tr("all %n head(s)", nullptr, 25), QStringLiteral("all 25 heads"));
    }
    QVERIFY(Language::instance().set(QStringLiteral("vi")));
    QCOMPARE(SentencePanel::tr("%1 — %n text(s)", nullptr, 54).arg(QStringLiteral("her.txt")),
             QStringLiteral("her.txt — 54 văn bản"));
  }

  // The Models dialog lists broken checkpoints of the cache with their problem, translated.
  // Qt's own words (standard buttons of the help and warning boxes, edit fields' context
  // menus) come from translations/qtbase_vi.ts: Qt ships no Vietnamese.
  void qtsOwnWordsAreVietnamese() {
    for (const QString language : {QStringLiteral("vi"), QStringLiteral("en")}) {
      Language::instance().set(language);
      const bool vi = language == QLatin1String("vi");
      QMessageBox box(QMessageBox::Information, QStringLiteral("Laminar"), QStringLiteral("-"), QMessageBox::Close | QMessageBox::Ok);
      QCOMPARE(box.button(QMessageBox::Close)->text(), vi ? QStringLiteral("Đóng") : QStringLiteral("Close"));
      QCOMPARE(box.button(QMessageBox::Ok)->text(), vi ? QStringLiteral("Đồng ý") : QStringLiteral("OK"));
      QLineEdit edit;
      QTextBrowser browser;
      QStringList menuWords;
      for (QMenu* menu : {edit.createStandardContextMenu(), browser.createStandardContextMenu()}) {
        for (QAction* a : menu->actions()) menuWords << a->text();
        delete menu;
      }
      menuWords.removeAll(QString());
      QVERIFY(menuWords.size() >= 4);
      QCOMPARE(menuWords.filter(QRegularExpression(QStringLiteral("^&Sao chép(\\t|$)"))).size(), vi ? 2 : 0);
      if (vi) QVERIFY2(withEnglish(menuWords).isEmpty(), qPrintable(withEnglish(menuWords).join(QLatin1Char('\n'))));
    }
  }

  // Qt's own file dialog (Load sentence file, Save results...), as the app opens it where the
  // desktop offers no native one: labels, buttons, tooltips, column headers.
  void theFileDialogShowsNoEnglish() {
    Language::instance().set(QStringLiteral("vi"));
    QFileDialog dialog(nullptr, QStringLiteral("Laminar"), dir_.path());
    dialog.setOption(QFileDialog::DontUseNativeDialog);
    dialog.show();
    QStringList shown = shownStrings(&dialog);
    for (QTreeView* view : dialog.findChildren<QTreeView*>())
      for (int c = 0; c < view->model()->columnCount(); ++c) shown << view->model()->headerData(c, Qt::Horizontal).toString();
    QVERIFY2(shown.size() > 15, qPrintable(QString::number(shown.size())));
    QVERIFY(shown.contains(QStringLiteral("Kích thước")));  // the Size column
    const QStringList bad = withEnglish(shown);
    QVERIFY2(bad.isEmpty(), qPrintable(bad.join(QLatin1Char('\n'))));
  }

  void theModelsDialogShowsNoEnglish() {
    const QDir snapshots(dir_.filePath(QStringLiteral("hf-home/hub/models--test-org--broken/snapshots")));
    QVERIFY(QDir().mkpath(snapshots.filePath(QStringLiteral("a1"))) && QDir().mkpath(snapshots.filePath(QStringLiteral("b2"))));
    QVERIFY(!write(QStringLiteral("hf-home/hub/models--test-org--broken/snapshots/a1/config.json"),
                   QByteArray("{\"model_type\": \"gpt2\", \"n_embd\": 64, \"n_layer\": 2, \"n_head\": 4}"))
                 .isEmpty());
    QVERIFY(!write(QStringLiteral("hf-home/hub/models--test-org--broken/snapshots/b2/model.safetensors"), QByteArray("x")).isEmpty());
    QVERIFY(Language::instance().set(QStringLiteral("vi")));
    ModelsDialog dialog(nullptr, {});
    dialog.show();
    QStringList statuses;
    for (int i = 0; i < dialog.localList()->topLevelItemCount(); ++i) statuses << dialog.localList()->topLevelItem(i)->text(4);
    QVERIFY2(statuses.size() >= 3, qPrintable(statuses.join(QLatin1Char('|'))));  // the demo model and both snapshots
    QVERIFY2(statuses.join(QLatin1Char('|')).contains(QStringLiteral("tải xuống chưa xong")), qPrintable(statuses.join(QLatin1Char('|'))));
    QVERIFY2(statuses.join(QLatin1Char('|')).contains(QStringLiteral("không có model.safetensors")), qPrintable(statuses.join(QLatin1Char('|'))));
    QStringList shown = shownStrings(&dialog);
    for (int i = 0; i < dialog.localList()->topLevelItemCount(); ++i)
      for (int c = 0; c < dialog.localList()->columnCount(); ++c)
        shown << dialog.localList()->topLevelItem(i)->text(c);
    for (int i = 0; i < dialog.downloadList()->topLevelItemCount(); ++i)
      for (int c = 0; c < dialog.downloadList()->columnCount(); ++c) shown << dialog.downloadList()->topLevelItem(i)->text(c);
    const QStringList bad = withEnglish(shown);
    for (const QString& b : bad) qWarning().noquote() << b;
    QVERIFY2(bad.isEmpty(), qPrintable(QStringLiteral("%1 string(s) with English, listed above").arg(bad.size())));
  }

  // The window after a run, in Vietnamese from the start and after a switch mid-session
  // (status-bar notes, progress text and captions said again).
  void theWindowShowsNoEnglish() {
    for (const bool switchAfterRun : {false, true}) {
      Language::instance().set(switchAfterRun ? QStringLiteral("en") : QStringLiteral("vi"));
      MainWindow window;
      window.show();
      if (!switchAfterRun) window.setLanguage(QStringLiteral("vi"));
      QVERIFY(window.sentencePanel()->openExample(QStringLiteral("coffee")));
      QVERIFY(window.modelPanel()->selectDirectory(tinyModel_));
      QSignalSpy finished(window.runner(), &RunController::finished);
      window.startRun();
      QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 120000);
      if (switchAfterRun) window.setLanguage(QStringLiteral("vi"));
      QTest::qWait(200);  // LanguageChange events are posted
      QStringList shown = shownStrings(&window);
      for (FigureView* v : window.figures()->views()) shown << ViewHelp::html(*v);
      QVERIFY2(shown.size() > 100, qPrintable(QString::number(shown.size())));
      const QStringList bad = withEnglish(shown);
      for (const QString& b : bad) qWarning().noquote() << b;  // all of them: QVERIFY2 cuts its message short
      QVERIFY2(bad.isEmpty(), qPrintable(QStringLiteral("%1 string(s) with English (%2), listed above")
                                             .arg(bad.size())
                                             .arg(switchAfterRun ? QStringLiteral("after a switch") : QStringLiteral("from the start"))));
      window.setLanguage(QStringLiteral("en"));
    }
  }
};

QTEST_MAIN(VietnameseTest)
#include "test_vietnamese.moc"
