// The sentence panel's token preview as a teacher uses it (issue 14 item 5): byte-level BPE
// pieces shown as their bytes with the letter they complete (never "�"), line breaks only
// between tokens, and texts the run will leave out shown with the reason as soon as the file
// loads (too long for the model, no target), not after Run.
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTextCursor>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextBrowser>
#include <QtTest>

#include "app/language.h"
#include "app/sentence_panel.h"
#include "app/token_preview.h"
#include "tokenizer/bpe_tokenizer.h"
#include "util/data_paths.h"

using namespace laminar;

class TokenPreviewTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;

  QString write(const QString& name, const QByteArray& bytes) {
    const QString path = dir_.filePath(name);
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(bytes);
    return path;
  }

  // "I saw her there." / "We met her today." / "She gave her a pen." in a panel on screen
  // (links are clicked where they are drawn).
  bool openThreeTextsOnScreen(SentencePanel& panel) {
    panel.resize(460, 640);
    panel.show();
    return QTest::qWaitForWindowExposed(&panel) &&
           panel.openFile(write(QStringLiteral("three-on-screen.txt"),
                                QByteArrayLiteral("# target: her\nI saw her there.\nWe met her today.\nShe gave her a pen.\n")));
  }

  // A real left click on the first character of the link to `href`, where it is drawn.
  static void clickLink(QTextBrowser* view, const QString& href) {
    const QRect r = view->cursorRect(anchorAt(view, href));  // the caret after that character
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, QPoint(r.left() - 2, r.center().y()));
  }

  // A cursor just after the first character of the link to `href` in `view` (its format is
  // the link's); null when there is none.
  static QTextCursor anchorAt(QTextBrowser* view, const QString& href) {
    for (QTextBlock b = view->document()->begin(); b.isValid(); b = b.next())
      for (auto f = b.begin(); !f.atEnd(); ++f)
        if (f.fragment().charFormat().anchorHref() == href) {
          QTextCursor at(view->document());
          at.setPosition(f.fragment().position() + 1);
          return at;
        }
    return {};
  }

  // The tooltips of the tokens (text fragments) in `view` that contain `part`.
  static QStringList tooltipsWith(QTextBrowser* view, const QString& part) {
    QStringList out;
    for (QTextBlock b = view->document()->begin(); b.isValid(); b = b.next())
      for (auto f = b.begin(); !f.atEnd(); ++f)
        if (f.fragment().charFormat().toolTip().contains(part)) out << f.fragment().charFormat().toolTip();
    return out;
  }

  static RunSettings analysis(const std::string& name, nlohmann::json options = nlohmann::json::object()) {
    RunSettings s;
    s.experiment = name;
    s.options = std::move(options);
    return s;
  }

 private slots:
  // "ệ" is three bytes (E1 BB 87); split over two tokens each piece shows its bytes and the
  // second also the letter it completes.
  void splitCharactersShowTheirBytes() {
    std::vector<TokenPiece> p = tokenPieces({"Vi\xE1\xBB", "\x87t", " nam"});
    QCOMPARE(p.size(), size_t(3));
    QCOMPARE(p[0].shown, QStringLiteral("Vi<0xE1><0xBB>"));
    QVERIFY(p[0].byteLevel);
    QVERIFY(p[0].completes.isEmpty());
    QCOMPARE(p[1].shown, QStringLiteral("<0x87>t"));
    QCOMPARE(p[1].completes, QStringLiteral("ệ"));
    QCOMPARE(p[2].shown, QStringLiteral(" nam"));
    QVERIFY(!p[2].byteLevel);
    // A whole character inside one token stays a character; a stray byte is a byte.
    p = tokenPieces({"Việt", "\xFF"});
    QCOMPARE(p[0].shown, QStringLiteral("Việt"));
    QVERIFY(!p[0].byteLevel);
    QCOMPARE(p[1].shown, QStringLiteral("<0xFF>"));
  }

  // With GPT-2's own tokenizer: Vietnamese splits letters, and the preview never shows "�".
  void vietnameseThroughTheRealTokenizer() {
    const BpeTokenizer tokenizer = BpeTokenizer::fromDirectory(findDataPath("tokenizer"));
    const std::string text = "Tiếng Việt có dấu: ệ, ữ, ở.";
    const std::vector<int64_t> ids = tokenizer.encode(text).ids;
    std::vector<std::string> bytes;
    for (int64_t id : ids) bytes.push_back(tokenizer.tokenBytes(id));
    const std::vector<TokenPiece> pieces = tokenPieces(bytes);
    bool byteLevel = false;
    QString rebuilt;  // whole characters where shown, split ones where completed
    for (const TokenPiece& p : pieces) {
      byteLevel |= p.byteLevel;
      QString shown = p.shown;
      shown.remove(QRegularExpression(QStringLiteral("<0x[0-9A-F]{2}>")));
      rebuilt += shown + p.completes;
      QVERIFY2(!p.shown.contains(QChar(0xFFFD)), qPrintable(p.shown));
    }
    QVERIFY(byteLevel);
    // Every character is there once: a split one where its last byte is.
    QCOMPARE(rebuilt, QString::fromStdString(text));
    const QString html = TokenPreview::html(tokenizer, ids, {});
    QVERIFY(html.contains(QStringLiteral("&lt;0x")));
    QVERIFY(html.contains(QStringLiteral("&#8203;")));  // breaks only between tokens
    QVERIFY(!html.contains(QStringLiteral(" Vi")));      // a space inside a token does not break
  }

  // A text too long for the model and one without the target are shown, each with its reason,
  // as soon as the file loads; the usable text shows its target.
  void textsTheRunLeavesOutShowWhyAtLoadTime() {
    QVERIFY(Language::instance().set(QStringLiteral("en")));
    QString longText;
    for (int i = 0; i < 40; ++i) longText += QStringLiteral("word ");
    const QString path = write(QStringLiteral("mixed.txt"), (QStringLiteral("# target: her\nI saw her there.\n") + longText +
                                                             QStringLiteral("her\nNo target here.\n"))
                                                                .toUtf8());
    SentencePanel panel;
    panel.setContextLength(16);
    QVERIFY(panel.openFile(path));
    QTRY_VERIFY_WITH_TIMEOUT(panel.tokenView()->toPlainText().contains(QStringLiteral("n_positions")), 20000);
    // As read: without the zero-width spaces between tokens, no-break spaces as spaces.
    const QString shown = panel.tokenView()->toPlainText().remove(QChar(0x200B)).replace(QChar(0xA0), QLatin1Char(' '));
    QVERIFY2(shown.contains(QStringLiteral("41 tokens, longer than the model's n_positions (16); text skipped")),
             qPrintable(shown));
    QVERIFY2(shown.contains(QStringLiteral("no occurrence of the target \"her\"; text skipped")), qPrintable(shown));
    QVERIFY2(shown.contains(QStringLiteral("No target here.")), qPrintable(shown));  // the skipped text itself
    // The long text's tokens past the context are greyed, the first 16 are not.
    const QString html = panel.tokenView()->toHtml();
    QVERIFY2(html.contains(QStringLiteral("#d0d0d0")), qPrintable(html.left(2000)));
  }

  // The diagnostics list shows only when the file has diagnostics: an empty one took 90 px of
  // a short panel and pushed the "Try a sentence" row out of sight.
  void theDiagnosticsListShowsOnlyWhatTheFileHasToSay() {
    QVERIFY(Language::instance().set(QStringLiteral("en")));
    const QString clean = write(QStringLiteral("clean.txt"), QByteArrayLiteral("# target: her\nI saw her there.\n"));
    const QString blank = write(QStringLiteral("blank.txt"), QByteArrayLiteral("# target: her\nI saw her there.\n   \nWe met her.\n"));
    SentencePanel panel;
    panel.resize(460, 640);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QVERIFY(!panel.diagnosticsView()->isVisible());  // no file yet
    QVERIFY(panel.openFile(clean));
    QVERIFY(!panel.diagnosticsView()->isVisible());
    QVERIFY(panel.openFile(blank));
    QVERIFY(panel.diagnosticsView()->isVisible());
    QCOMPARE(panel.diagnosticsView()->count(), 1);
    QVERIFY2(panel.diagnosticsView()->item(0)->text().contains(QStringLiteral("ignored (line 3)")),
             qPrintable(panel.diagnosticsView()->item(0)->text()));
    QVERIFY(panel.openFile(clean));
    QVERIFY(!panel.diagnosticsView()->isVisible());
    QVERIFY(!panel.openFile(write(QStringLiteral("empty.txt"), QByteArray())));  // an unusable file says why
    QVERIFY(panel.diagnosticsView()->isVisible());
    QCOMPARE(panel.diagnosticsView()->count(), 1);
  }

  // A sentence typed into the box is tokenised and checked while typing: its target shows, a
  // sentence without it shows its tokens under the reason, the file's preview is untouched.
  void aTypedSentenceIsTokenisedAndChecked() {
    QVERIFY(Language::instance().set(QStringLiteral("en")));
    const QString path = write(QStringLiteral("one.txt"), QByteArrayLiteral("# target: her\nI saw her there.\n"));
    SentencePanel panel;
    QVERIFY(panel.openFile(path));
    QTRY_VERIFY_WITH_TIMEOUT(panel.tokenView()->toHtml().contains(QStringLiteral("#ffb74d")), 20000);
    const QString fileView = panel.tokenView()->toPlainText();
    QVERIFY(!panel.trySentenceView()->isVisibleTo(&panel));
    panel.trySentenceBox()->setText(QStringLiteral("Tôi gặp her ở Việt Nam"));
    QTRY_VERIFY_WITH_TIMEOUT(panel.trySentenceView()->toHtml().contains(QStringLiteral("#ffb74d")), 5000);
    QVERIFY(panel.trySentenceView()->isVisibleTo(&panel));
    QVERIFY(panel.trySentenceView()->toPlainText().contains(QStringLiteral("<0x")));  // split letters as bytes
    panel.trySentenceBox()->setText(QStringLiteral("Nobody here"));
    QTRY_VERIFY_WITH_TIMEOUT(panel.trySentenceView()->toPlainText().contains(QStringLiteral("no text contains the target")),
                             5000);
    QVERIFY(panel.trySentenceView()->toPlainText().contains(QStringLiteral("Nobody")));  // the tokens, too
    QCOMPARE(panel.tokenView()->toPlainText(), fileView);
    panel.trySentenceBox()->clear();
    QTRY_VERIFY(!panel.trySentenceView()->isVisibleTo(&panel));
  }

  // Experiment 2's own problems show at load time too: a text with one occurrence gives no
  // pair, and a file with fewer than two pairs in all would stop the run.
  void experimentTwoProblemsShowAtLoadTime() {
    QVERIFY(Language::instance().set(QStringLiteral("en")));
    auto plain = [](QTextBrowser* view) {
      return view->toPlainText().remove(QChar(0x200B)).replace(QChar(0xA0), QLatin1Char(' '));
    };
    const QString mixed = write(QStringLiteral("pairs.txt"), QByteArrayLiteral("# target: her\nShe gave her the book, her pen and her bag.\nI saw her.\n"));
    SentencePanel panel;
    panel.setAnalysisSettings(analysis("mi-distance"));
    QVERIFY(panel.openFile(mixed));
    QTRY_VERIFY_WITH_TIMEOUT(plain(panel.tokenView()).contains(QStringLiteral("forms no pair")), 20000);
    QVERIFY2(plain(panel.tokenView()).contains(QStringLiteral("only one occurrence of \"her\": it forms no pair")),
             qPrintable(plain(panel.tokenView())));
    QVERIFY(!plain(panel.tokenView()).contains(QStringLiteral("needs at least 3 occurrences")));
    panel.setAnalysisSettings(analysis("similarity"));  // no pairs needed there
    QTRY_VERIFY_WITH_TIMEOUT(!plain(panel.tokenView()).contains(QStringLiteral("forms no pair")), 20000);
    const QString single = write(QStringLiteral("single.txt"), QByteArrayLiteral("# target: her\nI saw her.\nWe met her.\n"));
    panel.setAnalysisSettings(analysis("mi-distance"));
    QVERIFY(panel.openFile(single));
    QTRY_VERIFY_WITH_TIMEOUT(plain(panel.tokenView()).contains(QStringLiteral("needs at least 3 occurrences")), 20000);
    QVERIFY(plain(panel.tokenView()).contains(QStringLiteral("We met her.")));  // the tokens are still there
  }

  // The preview colours what the chosen analysis reads (Analysis::tokenUse): one text's target
  // for the attention patterns (the others faded), the next token for the logit lens (and the
  // tokens after it faded: the model stops at the target), and the analysis's refusal on top
  // when its chosen text holds no target; the legend says which.
  void thePreviewColoursWhatTheChosenAnalysisReads() {
    QVERIFY(Language::instance().set(QStringLiteral("en")));
    const QString path = write(QStringLiteral("three.txt"),
                               QByteArrayLiteral("# target: her\nI saw her there.\nWe met her today.\nShe gave her a pen.\n"));
    SentencePanel panel;
    QLabel* legend = nullptr;
    for (QLabel* label : panel.findChildren<QLabel*>())
      if (label->text().startsWith(QStringLiteral("Tokens of each numbered text"))) legend = label;
    QVERIFY(legend);
    auto spans = [&panel](const char* colour) {
      return panel.tokenView()->toHtml().count(QStringLiteral("background-color:%1;").arg(QLatin1String(colour)));
    };
    auto faded = [&panel] { return panel.tokenView()->toHtml().count(QStringLiteral("color:#999999;")); };
    QVERIFY(panel.openFile(path));

    panel.setAnalysisSettings(analysis("attention-pattern", {{"text", 2}}));
    QTRY_COMPARE_WITH_TIMEOUT(spans("#ffb74d"), 1, 20000);
    QCOMPARE(spans("#81d4fa"), 0);
    QVERIFY(faded() > 0);  // texts 1 and 3
    QVERIFY(!panel.tokenView()->toPlainText().contains(QStringLiteral("The model will run")));  // text 2 whole
    QVERIFY2(legend->text().contains(QStringLiteral("whose attention is shown")), qPrintable(legend->text()));

    panel.setAnalysisSettings(analysis("logit-lens"));
    QTRY_COMPARE_WITH_TIMEOUT(spans("#81d4fa"), 3, 20000);  // every text's next token
    QCOMPARE(spans("#ffb74d"), 3);
    QCOMPARE(faded(), 4);  // "." twice, " pen." once: after the next token, not run
    const QStringList notRun = tooltipsWith(panel.tokenView(), QStringLiteral("Not run: the analysis needs no token"));
    QCOMPARE(notRun.size(), 4);
    QVERIFY2(notRun.front().startsWith(QStringLiteral("token 4 (id 13)")), qPrintable(notRun.front()));  // "."
    QVERIFY2(legend->text().contains(QStringLiteral("the token that follows")), qPrintable(legend->text()));
    QVERIFY2(legend->text().contains(QStringLiteral("the tokens after the last one it needs")), qPrintable(legend->text()));
    // The count the status line gives after the run: each text up to its target (the next
    // token's id is compared, its activations never computed).
    auto runLine = [&panel] { return panel.tokenView()->toPlainText().section(QLatin1Char('\n'), 0, 0); };
    QVERIFY2(runLine().startsWith(QStringLiteral("The model will run 9 of the 16 tokens")), qPrintable(runLine()));

    panel.setAnalysisSettings(analysis("logit-lens", {{"position", 4}}));  // text 1's "." read: run whole
    QTRY_COMPARE_WITH_TIMEOUT(faded(), 3, 20000);
    QVERIFY2(runLine().startsWith(QStringLiteral("The model will run 11 of the 16 tokens")), qPrintable(runLine()));

    panel.setAnalysisSettings(analysis("attention-pattern", {{"text", 7}}));
    QTRY_VERIFY_WITH_TIMEOUT(panel.tokenView()->toPlainText().contains(QStringLiteral("text 7 does not contain")), 20000);
    QCOMPARE(spans("#ffb74d"), 3);  // refused: every target still shown
  }

  // Where the analysis reads one chosen text, each text's number is a link: a click on it (a
  // real mouse click on the drawn number) reports the text, and the chosen one is bold. An
  // analysis that reads every text has plain numbers.
  void clickingATextNumberChoosesTheText() {
    QVERIFY(Language::instance().set(QStringLiteral("en")));
    SentencePanel panel;
    QVERIFY(openThreeTextsOnScreen(panel));
    panel.setAnalysisSettings(analysis("attention-pattern", {{"text", 1}}));
    QTextBrowser* view = panel.tokenView();
    QTRY_VERIFY_WITH_TIMEOUT(!anchorAt(view, QStringLiteral("text:3")).isNull(), 20000);
    QSignalSpy chosen(&panel, &SentencePanel::textChosen);
    QVERIFY(anchorAt(view, QStringLiteral("text:3")).charFormat().toolTip().contains(QStringLiteral("Click to choose this text")));
    clickLink(view, QStringLiteral("text:3"));
    QTRY_COMPARE(chosen.count(), 1);
    QCOMPARE(chosen.at(0).at(0).toInt(), 3);
    QVERIFY(anchorAt(view, QStringLiteral("text:1")).charFormat().fontWeight() >= QFont::Bold);
    panel.setAnalysisSettings(analysis("attention-pattern", {{"text", 3}}));  // as the experiment panel answers
    QTRY_VERIFY_WITH_TIMEOUT(anchorAt(view, QStringLiteral("text:3")).charFormat().fontWeight() >= QFont::Bold, 20000);
    QVERIFY(anchorAt(view, QStringLiteral("text:1")).charFormat().fontWeight() < QFont::Bold);
    panel.setAnalysisSettings(analysis("mi-distance"));
    QTRY_VERIFY_WITH_TIMEOUT(!view->toHtml().contains(QStringLiteral("href=")), 20000);
  }

  // Where the analysis also reads one chosen position (the logit lens), the chosen text's
  // tokens, and only they, are links: a click on one reports its position.
  void clickingATokenOfTheChosenTextChoosesItsPosition() {
    QVERIFY(Language::instance().set(QStringLiteral("en")));
    SentencePanel panel;
    QVERIFY(openThreeTextsOnScreen(panel));
    panel.setAnalysisSettings(analysis("logit-lens", {{"text", 2}}));
    QTextBrowser* view = panel.tokenView();
    QTRY_VERIFY_WITH_TIMEOUT(!anchorAt(view, QStringLiteral("position:4")).isNull(), 20000);
    QCOMPARE(view->toHtml().count(QStringLiteral("href=\"position:")), 5);  // "We met her today." only
    QVERIFY(anchorAt(view, QStringLiteral("position:5")).isNull());
    QSignalSpy chosen(&panel, &SentencePanel::positionChosen);
    clickLink(view, QStringLiteral("position:3"));
    QTRY_COMPARE(chosen.count(), 1);
    QCOMPARE(chosen.at(0).at(0).toInt(), 3);
    panel.setAnalysisSettings(analysis("attention-pattern", {{"text", 2}}));  // a text, no position
    QTRY_VERIFY_WITH_TIMEOUT(!view->toHtml().contains(QStringLiteral("href=\"position:")), 20000);
  }

  // Texts are numbered as the analyses' "text N" settings and the figures count them, not by
  // the file's lines (a "# target:" line and an empty line come before the second text here);
  // hovering a number names its line.
  void textsAreNumberedAsTheAnalysesCountThem() {
    QVERIFY(Language::instance().set(QStringLiteral("en")));
    const QString path = write(QStringLiteral("numbered.txt"), QByteArrayLiteral("# target: her\nI saw her there.\n\nWe met her.\n"));
    SentencePanel panel;
    QVERIFY(panel.openFile(path));
    QTRY_VERIFY_WITH_TIMEOUT(panel.tokenView()->toHtml().contains(QStringLiteral("#ffb74d")), 20000);
    QStringList starts;  // each paragraph's number and first word
    QStringList tips;    // the tooltip on each number
    for (QTextBlock block = panel.tokenView()->document()->begin(); block.isValid(); block = block.next()) {
      const QString text = block.text().remove(QChar(0x200B)).replace(QChar(0xA0), QLatin1Char(' '));
      if (text.isEmpty() || text.startsWith(QStringLiteral("The model will run"))) continue;  // the count above the texts
      starts << text.section(QLatin1Char(' '), 0, 1);
      tips << block.begin().fragment().charFormat().toolTip();
    }
    QCOMPARE(starts, QStringList({QStringLiteral("1 I"), QStringLiteral("2 We")}));
    QCOMPARE(tips, QStringList({QStringLiteral("text 1, line 2 of the file"), QStringLiteral("text 2, line 4 of the file")}));
  }

  // The panel as a class sees it, in both languages (LAMINAR_SCREENSHOT_DIR keeps the PNGs).
  void screenshotsInBothLanguages() {
    const QString dir = qEnvironmentVariable("LAMINAR_SCREENSHOT_DIR");
    const QString path = write(QStringLiteral("classroom.txt"),
                               QStringLiteral("# target: her\nI gave her the book because she asked.\n"
                                              "Cô ấy đưa cho her một quyển sách.\n"
                                              "This line has no target word at all.\n").toUtf8());
    for (const QString lang : {QStringLiteral("en"), QStringLiteral("vi")}) {
      QVERIFY(Language::instance().set(lang));
      SentencePanel panel;
      panel.resize(460, 640);
      panel.show();
      QVERIFY(panel.openFile(path));
      panel.trySentenceBox()->setText(QStringLiteral("Tiếng Việt có dấu: her"));
      QTRY_VERIFY_WITH_TIMEOUT(panel.tokenView()->toHtml().contains(QStringLiteral("#c62828")), 20000);
      QTRY_VERIFY_WITH_TIMEOUT(panel.trySentenceView()->isVisible(), 5000);
      if (!dir.isEmpty()) {
        QDir().mkpath(dir);
        QVERIFY(panel.grab().save(QDir(dir).filePath(QStringLiteral("token-preview-%1.png").arg(lang))));
      }
    }
    QVERIFY(Language::instance().set(QStringLiteral("en")));
  }
};

QTEST_MAIN(TokenPreviewTest)
#include "test_token_preview.moc"
