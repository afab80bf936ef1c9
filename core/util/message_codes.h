#pragma once
// Every message code core gives its users, in one list (see message.h). The GUI has a
// template for each (app/core_messages.cpp; tests/gui checks none is missing). Parameters
// are named in the comment, in the order the templates number them (%1, %2, ...).
#include <string>
#include <vector>

namespace laminar {

// A message code. Only the constants in laminar::msg exist; a coded Message takes nothing else.
class MessageCode {
 public:
  constexpr explicit MessageCode(const char* code) : code_(code) {}
  const char* c_str() const { return code_; }

 private:
  const char* code_;
};

// X(constant, "code")  -- parameters
#define LAMINAR_MESSAGE_CODES(X)                                                            \
  /* sentence files */                                                                      \
  X(kSentenceFileEmpty, "sentence_file.empty")               /* file */                     \
  X(kSentenceFileNoTexts, "sentence_file.no_texts")          /* file */                     \
  X(kSentenceFileNoRowText, "sentence_file.no_row_text")     /* file */                     \
  X(kSentenceFileMalformedRows, "sentence_file.malformed_rows") /* file, count */           \
  X(kSentenceFileInvalidUtf8, "sentence_file.invalid_utf8")  /* file, line, column, byte */ \
  X(kSentenceFileIsDirectory, "sentence_file.is_directory")  /* file */                     \
  X(kSentenceFileUnsupportedType, "sentence_file.unsupported_type") /* file, extension */   \
  X(kSentenceFileEmptyTextsIgnored, "sentence_file.empty_texts_ignored") /* count, lines */ \
  X(kSentenceFileRowSkipped, "sentence_file.row_skipped")    /* problem (English) */        \
  X(kSentenceFileFieldCountCsv, "sentence_file.field_count_csv") /* fields, expected */     \
  X(kSentenceFileFieldCountTsv, "sentence_file.field_count_tsv") /* fields, expected */     \
  /* finding the target in the texts */                                                     \
  X(kTargetMissingWord, "target.missing_word")               /* file */                     \
  X(kTargetNotFound, "target.not_found")                     /* file, target */             \
  X(kTargetNotFoundCaseSensitive, "target.not_found_case_sensitive") /* file, target */     \
  X(kTargetNoUsableText, "target.no_usable_text")            /* file, problems */           \
  X(kTextNestedBrackets, "text.nested_brackets")                                            \
  X(kTextUnopenedBracket, "text.unopened_bracket")                                          \
  X(kTextEmptyBrackets, "text.empty_brackets")                                              \
  X(kTextUnclosedBracket, "text.unclosed_bracket")                                          \
  X(kTextNoOccurrence, "text.no_occurrence")                 /* target */                   \
  X(kTextNoMarkedOccurrence, "text.no_marked_occurrence")    /* target */                   \
  X(kTextMarkedNotTarget, "text.marked_not_target")          /* marked, target */           \
  X(kTextTooLong, "text.too_long")                           /* tokens, max */              \
  /* choosing tokens */                                                                     \
  X(kSelectionSeveralOccurrences, "selection.several_occurrences") /* count, target, token */ \
  X(kSelectionNoTokenBefore, "selection.no_token_before")    /* position */                 \
  X(kSelectionTargetFirst, "selection.target_first")         /* (allow-position-0) */       \
  X(kSelectionSingleOccurrence, "selection.single_occurrence") /* target */                 \
  X(kSelectionTooFewPairs, "selection.too_few_pairs")        /* file, pairs */              \
  /* checkpoints, tokenizers, results */                                                    \
  X(kCheckpointNoSuchDirectory, "checkpoint.no_such_directory") /* file */                  \
  X(kCheckpointNotADirectory, "checkpoint.not_a_directory")  /* file */                     \
  X(kCheckpointNoConfig, "checkpoint.no_config")             /* file */                     \
  X(kCheckpointOnlyPytorchBin, "checkpoint.only_pytorch_bin") /* file */                    \
  X(kCheckpointNoWeights, "checkpoint.no_weights")           /* file */                     \
  X(kCheckpointTensorShape, "checkpoint.tensor_shape")       /* file, tensor, shape, needed */ \
  X(kCheckpointTensorDtype, "checkpoint.tensor_dtype")       /* file, tensor, dtype */      \
  X(kCheckpointUntiedHead, "checkpoint.untied_head")         /* file, tensor, shape, wte */ \
  X(kConfigFieldMissing, "config.field_missing")             /* file, field */              \
  X(kTokenizerNotFound, "tokenizer.not_found")               /* file */                     \
  X(kTokenizerHalfPair, "tokenizer.half_pair")               /* file, present */            \
  X(kResultsNoDirectory, "results.no_directory")             /* file */                     \
  X(kResultsNoJson, "results.no_json")                       /* file */                     \
  X(kDataFileNotFound, "data.not_found")                     /* name, searched */           \
  /* files in general */                                                                    \
  X(kFileNotFound, "file.not_found")                         /* file */                     \
  X(kFileCannotOpen, "file.cannot_open")                     /* file, reason */             \
  X(kFileCannotCreate, "file.cannot_create")                 /* file, reason */             \
  X(kFileCannotCreateFolder, "file.cannot_create_folder")    /* file, reason */             \
  X(kFileInvalidJson, "file.invalid_json")                   /* file, detail */             \
  X(kFileInvalidJsonAtLine, "file.invalid_json_at_line")     /* file, line, detail */

namespace msg {
#define LAMINAR_DECLARE_CODE(name, code) inline constexpr MessageCode name{code};
LAMINAR_MESSAGE_CODES(LAMINAR_DECLARE_CODE)
#undef LAMINAR_DECLARE_CODE
}  // namespace msg

// Every code above, for completeness checks.
inline const std::vector<std::string>& allMessageCodes() {
#define LAMINAR_CODE_STRING(name, code) code,
  static const std::vector<std::string> codes = {LAMINAR_MESSAGE_CODES(LAMINAR_CODE_STRING)};
#undef LAMINAR_CODE_STRING
  return codes;
}

}  // namespace laminar
