#pragma once
#include <string>
// Translated names of the things results are indexed by. Files use the English keys of
// core (blockKey() & co.); the screen uses these. Defined here so widgets need no engine.
#include <QCoreApplication>
#include <QLocale>
#include <QString>

namespace laminar {

struct RunResults;

class Labels {
  Q_DECLARE_TR_FUNCTIONS(laminar::Labels)
 public:
  static QString layerAxis();              // "Layer"
  static QString layer(int zeroBased);     // "Layer 12" (shown 1-based)
  static QString group(int group);         // target token / non-target token
  static QString groupShort(int group);    // target / non-target
  static QString matrix(int matrix);       // Q, K, V
  static QString block(int block);         // QQ ... KV
  static QString measure(int measure);     // cosine similarity, correlation, shuffled
  static QString site(int site);           // attention, MLP
  static QString correction(int correction);  // Bonferroni, FDR
  static QString similarityAxis();
  static QString densityAxis();
  static QString miAxis();
  static QString distanceAxis();
  static QString occurrenceAxis();
  static QString textAxis();
  static QString significant();
  static QString waitingForData();
  static QString untrainedControl();       // legend: "untrained control"
  // The legend name of results->control: "untrained control", or "compared run" when the
  // app draws another results folder beside the shown one (metadata.control.kind "comparison").
  static QString controlName(const RunResults* results);
  // metadata.control.kind == "comparison": results->control is another results folder shown
  // beside this one, not an untrained control.
  static bool isComparison(const RunResults* results);
  // A model as people name it: "openai-community/gpt2-xl" for a Hugging Face cache folder
  // (models--ORG--NAME/snapshots/REV), else the folder's name.
  static QString modelName(const QString& directory);
  // A caption's last sentence when a run has an untrained control (seed from its metadata);
  // empty without one.
  static QString controlCaption(const RunResults* results);
  // What results->control is, without how it is drawn (for the difference view); empty without one.
  static QString controlSource(const RunResults* results);
  // A GPT-2 token as the eye should read it: its leading space as ␣, line breaks and tabs as
  // \n, \r, \t, any other control character as its byte <0xNN>.
  static QString token(const std::string& token);
  // A token as a screen reader should say it: its spaces stay spaces ("␣" would be read out
  // as a symbol), control characters written out as in token().
  static QString spokenToken(const std::string& token);
  // “token” (spoken) and its weight or probability.
  static QString spokenTokenValue(const std::string& token, double value, const QLocale& locale);
  // File keys, as core writes them (kept local so widgets link no engine code).
  static const char* blockKey(int block);
  static const char* groupKey(int group);
  static const char* measureKey(int measure);
  static const char* siteKey(int site);
};

}  // namespace laminar
