#pragma once
// Messages from core (errors, sentence-file diagnostics) carry a code and named parameters
// (core/util/message_codes.h). The GUI translates them by code: one template per code,
// numbered placeholders filled from the parameters, so a reworded English message in core
// still reaches a Vietnamese user in Vietnamese. Without a translation (English, or an
// uncoded message) the text is core's own English, as the CLI prints it.
#include <QCoreApplication>
#include <QString>

#include <exception>
#include <string>

#include "analysis/sentence_set.h"
#include "util/message.h"

namespace laminar {

class CoreMessages {
  Q_DECLARE_TR_FUNCTIONS(laminar::CoreMessages)
 public:
  static QString translate(const Message& message);
  static QString translate(const std::exception& e);  // a laminar::Error by its code; else what()
  static QString translate(const Diagnostic& d);      // the message only (no line, no severity)
  // Text without a code (hub and system messages): shown as it is.
  static QString translate(const std::string& text);
  static QString translate(const QString& text);

  // The English template of `code` ("%1: no such checkpoint directory"), nullptr if none.
  static const char* templateOf(const std::string& code);
};

}  // namespace laminar
