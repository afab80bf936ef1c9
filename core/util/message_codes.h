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
  X(kSentenceFileEmptyEntriesIgnored, "sentence_file.empty_entries_ignored") /* count, indices */ \
  X(kSentenceFileTooLarge, "sentence_file.too_large")        /* file, mib, limit */         \
  X(kSentenceFileTargetLineEmpty, "sentence_file.target_line_empty")                        \
  X(kSentenceFileTextAfterQuote, "sentence_file.text_after_quote")                          \
  X(kSentenceFileHeaderTextAfterQuote, "sentence_file.header_text_after_quote") /* file, line */ \
  X(kSentenceFileUnclosedQuote, "sentence_file.unclosed_quote") /* file, line */            \
  X(kSentenceFileNoTextColumnCsv, "sentence_file.no_text_column_csv") /* file, line, found */ \
  X(kSentenceFileNoTextColumnTsv, "sentence_file.no_text_column_tsv") /* file, line, found */ \
  X(kSentenceFileJsonNotObject, "sentence_file.json_not_object") /* file */                 \
  X(kSentenceFileJsonTargetNotString, "sentence_file.json_target_not_string") /* file */    \
  X(kSentenceFileJsonNoTextsArray, "sentence_file.json_no_texts_array") /* file */          \
  X(kSentenceFileJsonKeyIgnored, "sentence_file.json_key_ignored") /* key */                \
  X(kSentenceFileJsonEntryNotString, "sentence_file.json_entry_not_string") /* type */      \
  X(kSentenceFileJsonTextsEmpty, "sentence_file.json_texts_empty") /* file */               \
  X(kSentenceFileJsonNoStringText, "sentence_file.json_no_string_text") /* file */          \
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
  X(kCheckpointNonFinite, "checkpoint.non_finite")           /* file, tensor, found, position */ \
  X(kCheckpointUnexpectedTensor, "checkpoint.unexpected_tensor") /* file, tensor, count */  \
  X(kCheckpointTensorMissing, "checkpoint.tensor_missing")   /* file, tensor, count */      \
  X(kCheckpointShardMissing, "checkpoint.shard_missing")     /* file, shard, folder */      \
  X(kConfigFieldMissing, "config.field_missing")             /* file, field */              \
  X(kTokenizerNotFound, "tokenizer.not_found")               /* file */                     \
  X(kTokenizerHalfPair, "tokenizer.half_pair")               /* file, present */            \
  X(kLocalFolderNotFound, "local.folder_not_found")                                         \
  X(kLocalCannotRead, "local.cannot_read")                   /* name */                     \
  X(kLocalInvalidJson, "local.invalid_json")                 /* name */                     \
  X(kLocalConfigNotObject, "local.config_not_object")                                       \
  X(kLocalNotGpt2, "local.not_gpt2")                         /* type */                     \
  X(kLocalConfigLacksShape, "local.config_lacks_shape")                                     \
  X(kLocalNoConfig, "local.no_config")                                                      \
  X(kLocalIncompleteDownload, "local.incomplete_download")                                  \
  X(kLocalNoWeightMap, "local.no_weight_map")                                               \
  X(kLocalMissingShard, "local.missing_shard")               /* shard */                    \
  X(kLocalNoShards, "local.no_shards")                                                      \
  X(kLocalOnlyPytorchBin, "local.only_pytorch_bin")                                         \
  X(kLocalNoWeights, "local.no_weights")                                                    \
  /* downloads from the Hugging Face hub */                                                  \
  X(kHubOffline, "hub.offline")                              /* what, host */               \
  X(kHubTimeout, "hub.timeout")                              /* what, host */               \
  X(kHubDropped, "hub.dropped")                              /* what, host */               \
  X(kHubInterrupted, "hub.interrupted")                      /* what, doneBytes, totalBytes, part */ \
  X(kHubOfflineMode, "hub.offline_mode")                     /* repo */                     \
  X(kHubRepoNotFound, "hub.repo_not_found")                  /* repo, status */             \
  X(kHubRepoNotFoundWithToken, "hub.repo_not_found_with_token") /* repo, status */          \
  X(kHubRevisionNotFound, "hub.revision_not_found")          /* revision, repo, status */   \
  X(kHubFileNotFound, "hub.file_not_found")                  /* where */                    \
  X(kHubAccessDenied, "hub.access_denied")                   /* repo, status */             \
  X(kHubTokenRefused, "hub.token_refused")                   /* repo */                     \
  X(kHubNeedsToken, "hub.needs_token")                       /* repo */                     \
  X(kHubRateLimited, "hub.rate_limited")                     /* where */                    \
  X(kHubServerError, "hub.server_error")                     /* status, where */            \
  X(kHubUnexpectedStatus, "hub.unexpected_status")           /* status, where */            \
  X(kResultsNoDirectory, "results.no_directory")             /* file */                     \
  X(kResultsNoJson, "results.no_json")                       /* file */                     \
  X(kResultsNotLaminar, "results.not_laminar")               /* file */                     \
  X(kResultsVersionNotInteger, "results.version_not_integer") /* file, found */             \
  X(kResultsNewerVersion, "results.newer_version")           /* file, found, max */         \
  X(kResultsMalformed, "results.malformed")                  /* file, detail */             \
  X(kResultsMalformedVectors, "results.malformed_vectors")   /* file, detail */             \
  X(kResultsTensorMissing, "results.tensor_missing")         /* file, tensor */             \
  X(kResultsControlDirectory, "results.control_directory")   /* file, found */              \
  X(kResultsControlExperiment, "results.control_experiment") /* file, found */              \
  X(kResultsNestedControl, "results.nested_control")         /* file, found */              \
  X(kDataFileNotFound, "data.not_found")                     /* name, searched */           \
  /* tokenizer files */                                                                     \
  X(kFileNotRegular, "file.not_regular")                     /* file */                     \
  X(kTokenizerDirectoryNotFound, "tokenizer.directory_not_found") /* file */                \
  X(kTokenizerNotADirectory, "tokenizer.not_a_directory")    /* file */                     \
  X(kTokenizerVocabNotObject, "tokenizer.vocab_not_object")  /* file, type */               \
  X(kTokenizerVocabEmpty, "tokenizer.vocab_empty")           /* file */                     \
  X(kTokenizerVocabBadId, "tokenizer.vocab_bad_id")          /* file, token, value */       \
  X(kTokenizerVocabBadIdAtLine, "tokenizer.vocab_bad_id_at_line") /* file, line, token, value */ \
  X(kTokenizerVocabBadIdAt, "tokenizer.vocab_bad_id_at")     /* file, where, token, value */ \
  X(kTokenizerVocabDuplicateId, "tokenizer.vocab_duplicate_id") /* file, token, other, id */ \
  X(kTokenizerVocabDuplicateIdAtLine, "tokenizer.vocab_duplicate_id_at_line") /* file, line, token, other, id */ \
  X(kTokenizerVocabDuplicateIdAt, "tokenizer.vocab_duplicate_id_at") /* file, where, token, other, id */ \
  X(kTokenizerVocabMissingByte, "tokenizer.vocab_missing_byte") /* file, byte, token */     \
  X(kTokenizerMergeNotPairAtLine, "tokenizer.merge_not_pair_at_line") /* file, line, found */ \
  X(kTokenizerMergeNotPairAt, "tokenizer.merge_not_pair_at") /* file, where, found */       \
  X(kTokenizerMergeEntryInvalid, "tokenizer.merge_entry_invalid") /* file, where, found */  \
  X(kTokenizerMergeUnknownPartAtLine, "tokenizer.merge_unknown_part_at_line") /* file, line, merge, token, name */ \
  X(kTokenizerMergeUnknownPartAt, "tokenizer.merge_unknown_part_at") /* file, where, merge, token, name */ \
  X(kTokenizerMergeUnknownResultAtLine, "tokenizer.merge_unknown_result_at_line") /* file, line, merge, token, name */ \
  X(kTokenizerMergeUnknownResultAt, "tokenizer.merge_unknown_result_at") /* file, where, merge, token, name */ \
  X(kTokenizerJsonNoModel, "tokenizer.json_no_model")        /* file */                     \
  X(kTokenizerJsonNotBpe, "tokenizer.json_not_bpe")          /* file, type */               \
  X(kTokenizerJsonNotByteLevel, "tokenizer.json_not_byte_level") /* file */                 \
  X(kTokenizerJsonPrefixSpace, "tokenizer.json_prefix_space") /* file */                    \
  X(kTokenizerJsonNoVocab, "tokenizer.json_no_vocab")        /* file */                     \
  X(kTokenizerJsonNoMerges, "tokenizer.json_no_merges")      /* file */                     \
  X(kTokenizerUnknownId, "tokenizer.unknown_id")             /* id, count, max */           \
  X(kTokenizerInvalidUtf8, "tokenizer.invalid_utf8")         /* position */                 \
  X(kTextsJsonNotArray, "texts_json.not_array")              /* file, type */               \
  X(kTextsJsonEntryNotString, "texts_json.entry_not_string") /* file, position, type */     \
  /* model names and folders */                                                             \
  X(kModelNotFound, "model.not_found")                       /* name */                     \
  X(kModelNotUsable, "model.not_usable")                     /* name, folder, detail, command */ \
  X(kModelNotDownloaded, "model.not_downloaded")             /* name, folder, command */    \
  X(kModelUnknownName, "model.unknown_name")                 /* name, choices */            \
  X(kModelFoldersNoFoldersKey, "model_folders.no_folders_key") /* file */                   \
  X(kModelFoldersNotList, "model_folders.not_list")          /* file */                     \
  X(kModelFoldersEntryNotString, "model_folders.entry_not_string") /* file, position */     \
  X(kHubNoCommitHeader, "hub.no_commit_header")              /* host, what */               \
  X(kHubNoEtag, "hub.no_etag")                               /* host, what */               \
  X(kHubNoSize, "hub.no_size")                               /* host, what */               \
  /* devices */                                                                             \
  X(kDeviceUnknownDtype, "device.unknown_dtype")             /* name */                     \
  X(kDeviceNoCuda, "device.no_cuda")                         /* name */                     \
  X(kDeviceNoSuchDevice, "device.no_such_device")            /* name, count */              \
  X(kDeviceCannotParse, "device.cannot_parse")               /* name */                     \
  X(kDeviceUnknown, "device.unknown")                        /* name */                     \
  X(kDeviceDtypeNeedsCuda, "device.dtype_needs_cuda")        /* dtype */                    \
  X(kModelUnsupportedActivation, "model.unsupported_activation") /* name */                 \
  /* files in general */                                                                    \
  X(kFileNotFound, "file.not_found")                         /* file */                     \
  X(kFileCannotOpen, "file.cannot_open")                     /* file, reason */             \
  X(kFileCannotCreate, "file.cannot_create")                 /* file, reason */             \
  X(kFileCannotCreateFolder, "file.cannot_create_folder")    /* file, reason */             \
  X(kFileInvalidJson, "file.invalid_json")                   /* file, detail */             \
  X(kFileInvalidJsonAtLine, "file.invalid_json_at_line")     /* file, line, detail */ \
  /* writing, reading and checksumming files; downloads into the cache (reason: the system's words) */ \
  X(kFileWriteFailed, "file.write_failed") /* file, reason */ \
  X(kFileCannotRename, "file.cannot_rename") /* file, reason */ \
  X(kFileCannotReplaceFolder, "file.cannot_replace_folder") /* file, reason */ \
  X(kFileReadFailed, "file.read_failed") /* file */ \
  X(kFileCannotRead, "file.cannot_read") /* file, reason */ \
  X(kFileCannotWrite, "file.cannot_write") /* file, reason */ \
  X(kFileChecksumCannotOpen, "file.checksum_cannot_open") /* file */ \
  X(kFileChecksumReadFailed, "file.checksum_read_failed") /* file */ \
  X(kDiskCannotQuery, "disk.cannot_query") /* file, reason */ \
  X(kDiskNotEnoughSpace, "disk.not_enough_space") /* folder, neededBytes, freeBytes */ \
  X(kHubLockFailed, "hub.lock_failed") /* file, reason */ \
  X(kHubLocked, "hub.locked") /* what, file */ \
  X(kHubIndexInvalidJson, "hub.index_invalid_json") /* repo, detail */ \
  X(kHubIndexNoWeightMap, "hub.index_no_weight_map") /* repo */ \
  X(kHubIndexBadShard, "hub.index_bad_shard") /* repo, tensor */ \
  X(kHubNoSafetensors, "hub.no_safetensors") /* repo, revision */ \
  X(kHubCommitChanged, "hub.commit_changed") /* what, found, expected */ \
  X(kHubCannotCreateCache, "hub.cannot_create_cache") /* file, reason */ \
  X(kHubResumeReadFailed, "hub.resume_read_failed") /* file */ \
  X(kHubTooMuchData, "hub.too_much_data") /* what, size */ \
  X(kHubResumeRefused, "hub.resume_refused") /* what */ \
  X(kHubTruncated, "hub.truncated") /* what, doneBytes, totalBytes, part */ \
  X(kHubChecksumMismatch, "hub.checksum_mismatch") /* what, found, expected */ \
  X(kHubCannotMoveIntoPlace, "hub.cannot_move_into_place") /* file, reason */ \
  X(kHubCannotLink, "hub.cannot_link") /* file, target, reason */ \
  X(kHubCannotPlaceLink, "hub.cannot_place_link") /* file, reason */ \
  X(kHubLocalWriteFailed, "hub.local_write_failed") /* what */ \
  X(kHubTransferFailed, "hub.transfer_failed") /* what, host, detail */ \
  /* the analyses, checkpoint indexes and configs, mapped files, damaged safetensors */ \
  X(kSimilarityTooFewTarget, "similarity.too_few_target") /* file, count */ \
  X(kSimilarityTooFewNonTarget, "similarity.too_few_non_target") /* file, position, count */ \
  X(kSimilaritySummaryReplicatesOne, "similarity.summary_replicates_one") /*  */ \
  X(kAnalysisTextPastEnd, "analysis.text_past_end") /* file, text, tokens, position */ \
  X(kAnalysisTextLacksTarget, "analysis.text_lacks_target") /* file, text, target */ \
  X(kLogitLensNoNextToken, "logit_lens.no_next_token") /* file */ \
  X(kCheckpointIndexNoWeightMap, "checkpoint.index_no_weight_map") /* file */ \
  X(kCheckpointIndexShardNotName, "checkpoint.index_shard_not_name") /* file, tensor */ \
  X(kCheckpointIndexShardOutside, "checkpoint.index_shard_outside") /* file, tensor, shard */ \
  X(kCheckpointIndexEmpty, "checkpoint.index_empty") /* file */ \
  X(kCheckpointTensorNotInIndex, "checkpoint.tensor_not_in_index") /* file, tensor, index */ \
  X(kCheckpointTensorOtherShard, "checkpoint.tensor_other_shard") /* file, tensor, index, shard */ \
  X(kCheckpointTensorTwice, "checkpoint.tensor_twice") /* file, tensor */ \
  X(kCheckpointTensorDuplicates, "checkpoint.tensor_duplicates") /* file, tensor, other, otherFile */ \
  X(kCheckpointIndexTensorAbsent, "checkpoint.index_tensor_absent") /* file, tensor, shard */ \
  X(kCheckpointHeadDiffers, "checkpoint.head_differs") /* file, tensor */ \
  X(kConfigNotObject, "config.not_object") /* file */ \
  X(kConfigAliasDisagrees, "config.alias_disagrees") /* file, field, found, name, other */ \
  X(kConfigNotInteger, "config.not_integer") /* file, field, found */ \
  X(kConfigTooLarge, "config.too_large") /* file, field, found, max */ \
  X(kConfigNotPositive, "config.not_positive") /* file, field, found */ \
  X(kConfigNotBoolean, "config.not_boolean") /* file, field, found */ \
  X(kConfigNotGpt2, "config.not_gpt2") /* file, found */ \
  X(kConfigHeadsDoNotDivide, "config.heads_do_not_divide") /* file, count, width */ \
  X(kConfigEpsilonNotPositive, "config.epsilon_not_positive") /* file, found */ \
  X(kConfigActivationUnsupported, "config.activation_unsupported") /* file, found */ \
  X(kConfigCrossAttention, "config.cross_attention") /* file, found */ \
  X(kConfigScaleByLayer, "config.scale_by_layer") /* file, found */ \
  X(kConfigUnscaledAttention, "config.unscaled_attention") /* file, found */ \
  X(kConfigUntiedHead, "config.untied_head") /* file, found */ \
  X(kFileCannotStat, "file.cannot_stat") /* file, reason */ \
  X(kFileCannotMap, "file.cannot_map") /* file, reason */ \
  X(kSafetensorsDamaged, "safetensors.damaged") /* file, detail */ \
  X(kResultsVectorsUnusable, "results.vectors_unusable") /* file, detail */

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
