#include "app/core_messages.h"

#include <cerrno>
#include <cstring>
#include <initializer_list>
#include <map>
#include <vector>

#include "app/language.h"
#include "app/number_format.h"
#include "util/error.h"

namespace laminar {
namespace {

// One template per code of core/util/message_codes.h; %1, %2 ... are the parameters named
// after it, in that order. QT_TRANSLATE_NOOP puts the templates into the .ts file.
struct Template {
  const char* code;
  const char* text;
  std::vector<const char*> params;
  bool appWords = false;  // English too: core's words name a command-line option the app does not have
};

const std::vector<Template>& templates() {
  static const std::vector<Template> all = {
      {"sentence_file.empty", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: the file is empty: it holds no texts"), {"file"}},
      {"sentence_file.no_texts", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: no texts: every line is empty or the target line"), {"file"}},
      {"sentence_file.no_row_text", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: no texts: no rows below the header hold a text"), {"file"}},
      {"sentence_file.malformed_rows", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: no texts: %2 malformed rows and no usable one"), {"file", "count"}},
      {"sentence_file.invalid_utf8",
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: line %2: byte %3 of the line (%4) is not valid UTF-8; sentence files must be saved as UTF-8"),
       {"file", "line", "column", "byte"}},
      {"sentence_file.is_directory", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: is a directory, not a sentence file"), {"file"}},
      {"sentence_file.unsupported_type", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: unsupported sentence file type \"%2\" (use .txt, .csv, .tsv or .json)"),
       {"file", "extension"}},
      {"sentence_file.empty_texts_ignored", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1 empty text(s) ignored (line %2)"), {"count", "lines"}},
      {"sentence_file.empty_entries_ignored", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1 empty text(s) ignored (texts index %2)"),
       {"count", "indices"}},
      {"sentence_file.too_large",
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: is %2 MiB; sentence files are limited to %3 MiB (the model runs on every text): split it"),
       {"file", "mib", "limit"}},
      {"sentence_file.target_line_empty", QT_TRANSLATE_NOOP("laminar::CoreMessages", "\"# target:\" names no word; give the target another way"), {}},
      {"sentence_file.text_after_quote",
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "unexpected text after a closing quote (a quote inside a quoted field must be doubled: \"\"); row skipped"),
       {}},
      {"sentence_file.header_text_after_quote",
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: line %2: the header has text after a closing quote (a quote inside a quoted field must be doubled: \"\")"),
       {"file", "line"}},
      {"sentence_file.unclosed_quote", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: line %2: a quoted field is never closed (missing \")"), {"file", "line"}},
      {"sentence_file.no_text_column_csv",
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: line %2: the header has no \"text\" column (found %3; columns are comma-separated, the first row names them)"),
       {"file", "line", "found"}},
      {"sentence_file.no_text_column_tsv",
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: line %2: the header has no \"text\" column (found %3; columns are tab-separated, the first row names them)"),
       {"file", "line", "found"}},
      {"sentence_file.json_not_object", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: expected a JSON object {\"target\": \"...\", \"texts\": [...]}"), {"file"}},
      {"sentence_file.json_target_not_string", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: \"target\" must be a string"), {"file"}},
      {"sentence_file.json_no_texts_array",
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: no \"texts\" array (expected {\"target\": \"...\", \"texts\": [...]})"), {"file"}},
      {"sentence_file.json_key_ignored", QT_TRANSLATE_NOOP("laminar::CoreMessages", "key \"%1\" ignored"), {"key"}},
      {"sentence_file.json_entry_not_string", QT_TRANSLATE_NOOP("laminar::CoreMessages", "is a JSON value of type \"%1\", not a string; skipped"), {"type"}},
      {"sentence_file.json_texts_empty", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: no texts: \"texts\" is empty"), {"file"}},
      {"sentence_file.json_no_string_text",
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: no texts: every entry of \"texts\" is empty or not a string"), {"file"}},
      {"sentence_file.field_count_csv",
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1 fields where the header has %2 (a comma inside a text must be quoted); row skipped"), {"fields", "expected"}},
      {"sentence_file.field_count_tsv",
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1 fields where the header has %2 (a tab inside a text must be quoted); row skipped"), {"fields", "expected"}},
      {"target.missing_word",
       // The app's own words: core says "--target WORD", the app has a field for it.
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: no target word: type one in the Target word field or write \"# target: WORD\" as the "
         "file's first line (a \"target\" column in .csv/.tsv, \"target\" in .json)"),
       {"file"}, true},
      {"target.not_found", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: no text contains the target \"%2\""), {"file", "target"}},
      {"target.not_found_case_sensitive", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: no text contains the target \"%2\" (matching is case-sensitive)"),
       {"file", "target"}},
      {"target.no_usable_text", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: no usable text (%2 problems, see the diagnostics)"), {"file", "problems"}},
      {"text.nested_brackets", QT_TRANSLATE_NOOP("laminar::CoreMessages", "nested square brackets; text skipped"), {}},
      {"text.unopened_bracket", QT_TRANSLATE_NOOP("laminar::CoreMessages", "a \"]\" without a matching \"[\"; text skipped"), {}},
      {"text.empty_brackets", QT_TRANSLATE_NOOP("laminar::CoreMessages", "empty square brackets \"[]\"; text skipped"), {}},
      {"text.unclosed_bracket", QT_TRANSLATE_NOOP("laminar::CoreMessages", "a \"[\" that is never closed; text skipped"), {}},
      {"text.no_occurrence", QT_TRANSLATE_NOOP("laminar::CoreMessages", "no occurrence of the target \"%1\"; text skipped"), {"target"}},
      {"text.no_marked_occurrence", QT_TRANSLATE_NOOP("laminar::CoreMessages", "no marked occurrence of the target \"%1\"; text skipped"), {"target"}},
      {"text.marked_not_target", QT_TRANSLATE_NOOP("laminar::CoreMessages", "the marked text \"[%1]\" is not the target \"%2\""), {"marked", "target"}},
      {"text.too_long", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1 tokens, longer than the model's n_positions (%2); text skipped"), {"tokens", "max"}},
      {"selection.several_occurrences",
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1 occurrences of \"%2\"; the first (token %3) is used (mark the intended one with square brackets)"),
       {"count", "target", "token"}},
      {"selection.no_token_before",
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "the target is at token position %1: no token before it to draw a non-target from (position 0 is excluded); "
         "skipped for the non-target group"),
       {"position"}},
      {"selection.target_first",
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "the target is the text's first token: no token before it to draw a "
         "non-target from; skipped for the non-target group"),
       {}},
      {"selection.single_occurrence", QT_TRANSLATE_NOOP("laminar::CoreMessages", "only one occurrence of \"%1\": it forms no pair (pairs are taken within a text)"),
       {"target"}},
      {"selection.too_few_pairs",
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: mutual information vs distance needs at least 3 occurrences of the target in one text (or 2 pairs in "
         "all); found %2 pair(s)"),
       {"file", "pairs"}},
      {"checkpoint.no_such_directory", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: no such checkpoint directory"), {"file"}},
      {"checkpoint.not_a_directory", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: not a directory (give the checkpoint folder that holds config.json)"), {"file"}},
      {"checkpoint.no_config", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: no config.json: not a Hugging Face checkpoint directory"), {"file"}},
      {"checkpoint.only_pytorch_bin",
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: has only pytorch_model.bin; Laminar reads model.safetensors (convert the checkpoint, e.g. with "
         "transformers' save_pretrained(safe_serialization=True))"),
       {"file"}},
      {"checkpoint.no_weights", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: no model.safetensors or model.safetensors.index.json"), {"file"}},
      {"checkpoint.tensor_shape", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: tensor '%2' has shape %3 but config.json needs %4"),
       {"file", "tensor", "shape", "needed"}},
      {"checkpoint.tensor_dtype", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: tensor '%2' has dtype %3; GPT-2 weights must be F32, F16 or BF16"),
       {"file", "tensor", "dtype"}},
      {"checkpoint.untied_head", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: tensor '%2' has shape %3, unlike wte %4: untied LM head not supported"),
       {"file", "tensor", "shape", "wte"}},
      {"checkpoint.non_finite",
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: tensor '%2' contains %3 at index %4 (weights must be finite numbers; the file is corrupt)"),
       {"file", "tensor", "found", "position"}},
      {"checkpoint.unexpected_tensor",
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: tensor '%2' is not a parameter of GPT-2 with %3 layers (unexpected tensor)"),
       {"file", "tensor", "count"}},
      {"checkpoint.tensor_missing", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: tensor '%2' is missing; GPT-2 with %3 layers needs it"),
       {"file", "tensor", "count"}},
      {"checkpoint.shard_missing", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: shard '%2' listed in weight_map does not exist in %3"),
       {"file", "shard", "folder"}},
      {"config.field_missing", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: field '%2' is missing; GPT-2 needs it"), {"file", "field"}},
      {"tokenizer.not_found",
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: no GPT-2 tokenizer here: expected vocab.json + merges.txt, encoder.json + vocab.bpe, or tokenizer.json"),
       {"file"}},
      {"tokenizer.half_pair", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: file not found (%2 is there; the GPT-2 tokenizer needs both)"), {"file", "present"}},
      {"local.folder_not_found", QT_TRANSLATE_NOOP("laminar::CoreMessages", "folder not found"), {}},
      {"local.cannot_read", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1 cannot be read"), {"name"}},
      {"local.invalid_json", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1 is not valid JSON"), {"name"}},
      {"local.config_not_object", QT_TRANSLATE_NOOP("laminar::CoreMessages", "config.json is not a JSON object"), {}},
      {"local.not_gpt2", QT_TRANSLATE_NOOP("laminar::CoreMessages", "not a GPT-2 model (config.json model_type is \"%1\")"), {"type"}},
      {"local.config_lacks_shape", QT_TRANSLATE_NOOP("laminar::CoreMessages", "config.json lacks n_embd, n_layer or n_head"), {}},
      {"local.no_config", QT_TRANSLATE_NOOP("laminar::CoreMessages", "no config.json"), {}},
      {"local.incomplete_download",
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "incomplete download (no config.json yet); run the download again to finish it"), {}},
      {"local.no_weight_map", QT_TRANSLATE_NOOP("laminar::CoreMessages", "model.safetensors.index.json has no \"weight_map\""), {}},
      {"local.missing_shard", QT_TRANSLATE_NOOP("laminar::CoreMessages", "shard %1 named by model.safetensors.index.json is missing"), {"shard"}},
      {"local.no_shards", QT_TRANSLATE_NOOP("laminar::CoreMessages", "model.safetensors.index.json names no shards"), {}},
      {"local.only_pytorch_bin",
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "only pytorch_model.bin (PyTorch pickle); Laminar reads model.safetensors"), {}},
      {"local.no_weights", QT_TRANSLATE_NOOP("laminar::CoreMessages", "no model.safetensors (nor model.safetensors.index.json)"), {}},
      {"hub.offline",
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: cannot reach %2; are you offline? Check the network connection, or set HF_ENDPOINT to a mirror you can reach"),
       {"what", "host"}},
      {"hub.timeout", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: %2 stopped sending data; the connection is too slow or stalled, try again later"),
       {"what", "host"}},
      {"hub.dropped", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: the connection to %2 was dropped"), {"what", "host"}},
      {"hub.interrupted",
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: the download stopped after %2 of %3; the part is kept (%4), run the download again to resume"),
       {"what", "doneBytes", "totalBytes", "part"}},
      {"hub.offline_mode", QT_TRANSLATE_NOOP("laminar::CoreMessages", "HF_HUB_OFFLINE is set, so downloads are disabled; unset it to download %1"), {"repo"}},
      {"hub.repo_not_found",
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "repository %1 not found on the hub (HTTP %2); check the name; if it is private, set HF_TOKEN to an access token"),
       {"repo", "status"}},
      {"hub.repo_not_found_with_token",
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "repository %1 not found on the hub (HTTP %2); check the name, and that your token may read it"),
       {"repo", "status"}},
      {"hub.revision_not_found", QT_TRANSLATE_NOOP("laminar::CoreMessages", "revision '%1' not found in %2 (HTTP %3)"), {"revision", "repo", "status"}},
      {"hub.file_not_found", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1 not found on the hub (404 Not Found)"), {"where"}},
      {"hub.access_denied",
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "access to %1 denied (%2): the repository is gated or restricted; accept its terms on its hub page and use a token (HF_TOKEN) that may read it"),
       {"repo", "status"}},
      {"hub.token_refused", QT_TRANSLATE_NOOP("laminar::CoreMessages", "the hub refused the access token for %1 (401 Unauthorized); check HF_TOKEN or log in again"),
       {"repo"}},
      {"hub.needs_token", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1 requires authentication (401 Unauthorized); set HF_TOKEN to an access token"),
       {"repo"}},
      {"hub.rate_limited",
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "the hub is rate-limiting requests (429 Too Many Requests) for %1; wait a minute and retry"), {"where"}},
      {"hub.server_error", QT_TRANSLATE_NOOP("laminar::CoreMessages", "the hub had a server error (HTTP %1) for %2; try again later"), {"status", "where"}},
      {"hub.unexpected_status", QT_TRANSLATE_NOOP("laminar::CoreMessages", "unexpected HTTP status %1 for %2"), {"status", "where"}},
      {"results.no_directory", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: not a results directory (no such directory)"), {"file"}},
      {"results.no_json", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: not a results directory (no results.json)"), {"file"}},
      {"results.not_laminar", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: not a Laminar results file (\"format\" is not \"laminar-results\")"), {"file"}},
      {"results.version_not_integer", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: \"formatVersion\" is not an integer: %2"), {"file", "found"}},
      {"results.newer_version",
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: written by a newer Laminar (format version %2; this one reads up to %3)"),
       {"file", "found", "max"}},
      {"results.malformed", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: malformed results: %2"), {"file", "detail"}},
      {"results.malformed_vectors", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: malformed \"vectors\" list: %2"), {"file", "detail"}},
      {"results.tensor_missing", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: tensor \"%2\" listed in results.json is missing"), {"file", "tensor"}},
      {"results.control_directory",
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: metadata.control.directory must name a subdirectory, got \"%2\""), {"file", "found"}},
      {"results.control_experiment", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: the control's experiment \"%2\" is not the run's"), {"file", "found"}},
      {"results.nested_control",
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: a control has no control of its own, but metadata.control.directory is \"%2\""),
       {"file", "found"}},
      {"data.not_found", QT_TRANSLATE_NOOP("laminar::CoreMessages", "cannot find Laminar data file '%1'; looked in:%2"), {"name", "searched"}},
      {"file.not_regular", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: not a regular file"), {"file"}},
      {"tokenizer.directory_not_found", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: tokenizer directory not found"), {"file"}},
      {"tokenizer.not_a_directory",
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: not a directory (expected a tokenizer or checkpoint directory)"),
       {"file"}},
      {"tokenizer.vocab_not_object",
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: expected a JSON object of token -> id, found a JSON %2"),
       {"file", "type"}},
      {"tokenizer.vocab_empty", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: the vocabulary is empty"), {"file"}},
      {"tokenizer.vocab_bad_id",
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: token %2 has value %3; expected a non-negative integer token id"),
       {"file", "token", "value"}},
      {"tokenizer.vocab_bad_id_at_line",
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: line %2: token %3 has value %4; expected a non-negative integer token id"),
       {"file", "line", "token", "value"}},
      {"tokenizer.vocab_bad_id_at",
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: %2: token %3 has value %4; expected a non-negative integer token id"),
       {"file", "where", "token", "value"}},
      {"tokenizer.vocab_duplicate_id",
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: tokens %2 and %3 both have id %4"),
       {"file", "token", "other", "id"}},
      {"tokenizer.vocab_duplicate_id_at_line",
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: line %2: tokens %3 and %4 both have id %5"),
       {"file", "line", "token", "other", "id"}},
      {"tokenizer.vocab_duplicate_id_at",
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: %2: tokens %3 and %4 both have id %5"),
       {"file", "where", "token", "other", "id"}},
      {"tokenizer.vocab_missing_byte",
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: no token for byte %2 (spelled %3); a GPT-2 byte-level vocabulary has all 256 single-byte tokens"),
       {"file", "byte", "token"}},
      {"tokenizer.merge_not_pair_at_line",
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: line %2: expected two tokens separated by one space, found %3"),
       {"file", "line", "found"}},
      {"tokenizer.merge_not_pair_at",
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: %2: expected two tokens separated by one space, found %3"),
       {"file", "where", "found"}},
      {"tokenizer.merge_entry_invalid",
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: %2: expected \"left right\" or [\"left\", \"right\"], found %3"),
       {"file", "where", "found"}},
      {"tokenizer.merge_unknown_part_at_line",
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: line %2: merge %3 uses %4, which is not in %5"),
       {"file", "line", "merge", "token", "name"}},
      {"tokenizer.merge_unknown_part_at",
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: %2: merge %3 uses %4, which is not in %5"),
       {"file", "where", "merge", "token", "name"}},
      {"tokenizer.merge_unknown_result_at_line",
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: line %2: merge %3 produces %4, which is not in %5"),
       {"file", "line", "merge", "token", "name"}},
      {"tokenizer.merge_unknown_result_at",
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: %2: merge %3 produces %4, which is not in %5"),
       {"file", "where", "merge", "token", "name"}},
      {"tokenizer.json_no_model",
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: expected a Hugging Face tokenizer.json with a \"model\" object"),
       {"file"}},
      {"tokenizer.json_not_bpe",
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: model.type is \"%2\"; GPT-2 needs a \"BPE\" model"),
       {"file", "type"}},
      {"tokenizer.json_not_byte_level",
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: pre_tokenizer is not \"ByteLevel\"; this is not a GPT-2 byte-level tokenizer"),
       {"file"}},
      {"tokenizer.json_prefix_space",
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: pre_tokenizer.add_prefix_space is true; GPT-2's tokenizer does not add a prefix space"),
       {"file"}},
      {"tokenizer.json_no_vocab", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: model.vocab is missing"), {"file"}},
      {"tokenizer.json_no_merges", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: model.merges is missing or not an array"), {"file"}},
      {"tokenizer.unknown_id",
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "tokenizer: token id %1 is not in the vocabulary (%2 tokens, ids 0..%3)"),
       {"id", "count", "max"}},
      {"tokenizer.invalid_utf8", QT_TRANSLATE_NOOP("laminar::CoreMessages", "tokenizer: the text is not valid UTF-8 (byte %1)"), {"position"}},
      {"texts_json.not_array", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: expected a JSON array of strings, found a JSON %2"), {"file", "type"}},
      {"texts_json.entry_not_string",
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: element %2 is a %3, expected a string"),
       {"file", "position", "type"}},
      {"model.not_found",
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "model '%1': no such folder, and not a model name (gpt2, gpt2-medium, gpt2-large, gpt2-xl or a hub repository id)"),
       {"name"}},
      {"model.not_usable",
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "model '%1' in the cache (%2) is not usable: %3; run: %4"),
       {"name", "folder", "detail", "command"}},
      {"model.not_downloaded",
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "model '%1' is not downloaded yet (looked in %2); run: %3"),
       {"name", "folder", "command"}},
      {"model.unknown_name",
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "unknown model '%1': use one of %2, or a hub repository id such as openai-community/gpt2-xl"),
       {"name", "choices"}},
      {"model_folders.no_folders_key", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: expected {\"folders\": [\"/path\", ...]}"), {"file"}},
      {"model_folders.not_list", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: \"folders\" must be a list of paths"), {"file"}},
      {"model_folders.entry_not_string", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: folders[%2] is not a string"), {"file", "position"}},
      {"hub.no_commit_header",
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "no X-Repo-Commit header from %1 for %2; is the endpoint (HF_ENDPOINT / --endpoint) a Hugging Face hub or a faithful mirror?"),
       {"host", "what"}},
      {"hub.no_etag",
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "no usable ETag from %1 for %2; cannot store the file in the cache"),
       {"host", "what"}},
      {"hub.no_size", QT_TRANSLATE_NOOP("laminar::CoreMessages", "no file size (X-Linked-Size / Content-Length) from %1 for %2"), {"host", "what"}},
      {"device.unknown_dtype", QT_TRANSLATE_NOOP("laminar::CoreMessages", "unknown dtype '%1' (expected float32, float16 or bfloat16)"), {"name"}},
      {"device.no_cuda", QT_TRANSLATE_NOOP("laminar::CoreMessages", "device '%1' requested, but this libtorch has no usable CUDA device"), {"name"}},
      {"device.no_such_device", QT_TRANSLATE_NOOP("laminar::CoreMessages", "device '%1' does not exist (%2 CUDA devices)"), {"name", "count"}},
      {"device.cannot_parse", QT_TRANSLATE_NOOP("laminar::CoreMessages", "cannot parse device '%1' (expected cpu, cuda or cuda:N)"), {"name"}},
      {"device.unknown", QT_TRANSLATE_NOOP("laminar::CoreMessages", "unknown device '%1' (expected cpu, cuda or cuda:N)"), {"name"}},
      {"device.dtype_needs_cuda",
       QT_TRANSLATE_NOOP("laminar::CoreMessages", "dtype %1 is only supported on CUDA; use float32 on the CPU"),
       {"dtype"}},
      {"model.unsupported_activation", QT_TRANSLATE_NOOP("laminar::CoreMessages", "activation_function '%1' is not supported"), {"name"}},
      {"file.not_found", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: file not found"), {"file"}},
      {"file.cannot_open", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: cannot open: %2"), {"file", "reason"}},
      {"file.cannot_create", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: cannot create: %2"), {"file", "reason"}},
      {"file.cannot_create_folder", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: cannot create folder: %2"), {"file", "reason"}},
      {"file.invalid_json", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: not valid JSON: %2"), {"file", "detail"}},
      {"file.invalid_json_at_line", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: line %2: not valid JSON: %3"), {"file", "line", "detail"}},
      {"file.write_failed", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: write failed: %2"), {"file", "reason"}},
      {"file.cannot_rename", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: cannot rename into place: %2"), {"file", "reason"}},
      {"file.cannot_replace_folder", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: cannot replace existing directory: %2"), {"file", "reason"}},
      {"file.read_failed", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: read failed"), {"file"}},
      {"file.cannot_read", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: cannot read: %2"), {"file", "reason"}},
      {"file.cannot_write", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: cannot write: %2"), {"file", "reason"}},
      {"file.checksum_cannot_open", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: cannot open for checksum"), {"file"}},
      {"file.checksum_read_failed", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: read failed while computing checksum"), {"file"}},
      {"disk.cannot_query", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: cannot query free disk space: %2"), {"file", "reason"}},
      {"disk.not_enough_space", QT_TRANSLATE_NOOP("laminar::CoreMessages", "not enough free disk space in %1: the download needs %2, only %3 are free (free some space, or choose another cache folder with --cache-dir or HF_HUB_CACHE)"), {"folder", "neededBytes", "freeBytes"}},
      {"hub.lock_failed", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: cannot create lock file: %2"), {"file", "reason"}},
      {"hub.locked", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: another program is downloading this file into the cache right now (lock %2); wait for it to finish, then run again"), {"what", "file"}},
      {"hub.index_invalid_json", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1/model.safetensors.index.json: not valid JSON (%2)"), {"repo", "detail"}},
      {"hub.index_no_weight_map", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1/model.safetensors.index.json: no \"weight_map\" naming the shards"), {"repo"}},
      {"hub.index_bad_shard", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1/model.safetensors.index.json: weight_map[\"%2\"] is not a file name"), {"repo", "tensor"}},
      {"hub.no_safetensors", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1 (revision %2) has no model.safetensors nor model.safetensors.index.json; Laminar reads safetensors checkpoints only"), {"repo", "revision"}},
      {"hub.commit_changed", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: the hub answered for commit %2, expected %3; the repository changed during the download, run it again"), {"what", "found", "expected"}},
      {"hub.cannot_create_cache", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: cannot create cache folder: %2"), {"file", "reason"}},
      {"hub.resume_read_failed", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: read failed while resuming"), {"file"}},
      {"hub.too_much_data", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: the server sent more than the %2 bytes the hub announced; the download was deleted, run it again"), {"what", "size"}},
      {"hub.resume_refused", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: the server refused to resume (416)"), {"what"}},
      {"hub.truncated", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: the transfer ended after %2 of %3 (truncated); the part is kept (%4), run the download again to resume"), {"what", "doneBytes", "totalBytes", "part"}},
      {"hub.checksum_mismatch", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: checksum mismatch: the downloaded data has SHA-256 %2 but the hub announced %3; the damaged download was deleted, run it again"), {"what", "found", "expected"}},
      {"hub.cannot_move_into_place", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: cannot move the finished download into place: %2"), {"file", "reason"}},
      {"hub.cannot_link", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: cannot create link to %2: %3"), {"file", "target", "reason"}},
      {"hub.cannot_place_link", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: cannot put link in place: %2"), {"file", "reason"}},
      {"hub.local_write_failed", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: writing the downloaded data failed"), {"what"}},
      {"hub.transfer_failed", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: transfer from %2 failed: %3"), {"what", "host", "detail"}},
      {"similarity.too_few_target", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: token similarity needs at least 2 texts containing the target; found %2"), {"file", "count"}},
      {"similarity.too_few_non_target", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: token similarity needs at least 2 texts whose target is at token position %2 or later (for the non-target group); found %3"), {"file", "position", "count"}},
      {"similarity.summary_replicates_one", QT_TRANSLATE_NOOP("laminar::CoreMessages", "--summary-replicates: 0 (no summary) or at least 2 (the interval needs a standard error), got 1"), {}},
      {"analysis.text_past_end", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: text %2 has %3 tokens; position %4 is past its end"), {"file", "text", "tokens", "position"}},
      {"analysis.text_lacks_target", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: text %2 does not contain the target \"%3\" (or the set has fewer texts); choose a text that does"), {"file", "text", "target"}},
      {"logit_lens.no_next_token", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: the logit lens needs a text in which a token follows the target; found none"), {"file"}},
      {"checkpoint.index_no_weight_map", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: no \"weight_map\" object (tensor name -> shard file)"), {"file"}},
      {"checkpoint.index_shard_not_name", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: weight_map: the shard of tensor '%2' is not a file name"), {"file", "tensor"}},
      {"checkpoint.index_shard_outside", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: weight_map: tensor '%2' names shard '%3', which is outside the checkpoint directory"), {"file", "tensor", "shard"}},
      {"checkpoint.index_empty", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: weight_map is empty"), {"file"}},
      {"checkpoint.tensor_not_in_index", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: tensor '%2': is not listed in the weight_map of %3"), {"file", "tensor", "index"}},
      {"checkpoint.tensor_other_shard", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: tensor '%2': is listed in %3 as stored in '%4', not in this file"), {"file", "tensor", "index", "shard"}},
      {"checkpoint.tensor_twice", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: tensor '%2': is stored in more than one shard"), {"file", "tensor"}},
      {"checkpoint.tensor_duplicates", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: tensor '%2': duplicates '%3' (%4): the same parameter is stored twice"), {"file", "tensor", "other", "otherFile"}},
      {"checkpoint.index_tensor_absent", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: weight_map lists tensor '%2' in '%3', but that file does not contain it"), {"file", "tensor", "shard"}},
      {"checkpoint.head_differs", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: tensor '%2': differs from wte: untied LM head not supported"), {"file", "tensor"}},
      {"config.not_object", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: not a JSON object (expected a Hugging Face GPT-2 config.json)"), {"file"}},
      {"config.alias_disagrees", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: field '%2' (%3) disagrees with its alias '%4' (%5)"), {"file", "field", "found", "name", "other"}},
      {"config.not_integer", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: field '%2' must be an integer, not %3"), {"file", "field", "found"}},
      {"config.too_large", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: field '%2' is %3, larger than Laminar supports (at most %4)"), {"file", "field", "found", "max"}},
      {"config.not_positive", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: field '%2' must be a positive integer, not %3"), {"file", "field", "found"}},
      {"config.not_boolean", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: field '%2' must be true or false, not %3"), {"file", "field", "found"}},
      {"config.not_gpt2", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: field 'model_type' is %2; Laminar runs only \"gpt2\" checkpoints"), {"file", "found"}},
      {"config.heads_do_not_divide", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: field 'n_head' (%2) does not divide n_embd (%3): attention heads must split the width evenly"), {"file", "count", "width"}},
      {"config.epsilon_not_positive", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: field 'layer_norm_epsilon' must be a positive number, not %2"), {"file", "found"}},
      {"config.activation_unsupported", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: field 'activation_function' is %2; supported: gelu_new, gelu_pytorch_tanh, gelu, relu"), {"file", "found"}},
      {"config.cross_attention", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: field 'add_cross_attention' is %2: cross-attention (encoder-decoder GPT-2) is not supported"), {"file", "found"}},
      {"config.scale_by_layer", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: field 'scale_attn_by_inverse_layer_idx' is %2: attention scaled by 1/layer is not supported"), {"file", "found"}},
      {"config.unscaled_attention", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: field 'scale_attn_weights' is %2: unscaled attention scores are not supported"), {"file", "found"}},
      {"config.untied_head", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: field 'tie_word_embeddings' is %2: untied LM head not supported"), {"file", "found"}},
      {"file.cannot_stat", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: cannot stat: %2"), {"file", "reason"}},
      {"file.cannot_map", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: cannot memory-map: %2"), {"file", "reason"}},
      {"safetensors.damaged", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: damaged or not a safetensors file: %2"), {"file", "detail"}},
      {"results.vectors_unusable", QT_TRANSLATE_NOOP("laminar::CoreMessages", "%1: the saved vectors cannot be used: %2"), {"file", "detail"}},
  };
  return all;
}

const Template* find(const std::string& code) {
  for (const Template& t : templates())
    if (code == t.code) return &t;
  return nullptr;
}

// The system's reason for a failed file operation (strerror, std::error_code::message(): the
// C library's English) in the interface language, for the errors a user can meet when
// saving, exporting or downloading. A reason not listed stays as the system gave it.
QString systemReason(const std::string& reason) {
  static const std::map<std::string, const char*> known = [] {
    const std::pair<int, const char*> reasons[] = {
        {ENOENT, QT_TRANSLATE_NOOP("laminar::CoreMessages", "no such file or folder")},
        {EACCES, QT_TRANSLATE_NOOP("laminar::CoreMessages", "permission denied")},
        {EPERM, QT_TRANSLATE_NOOP("laminar::CoreMessages", "operation not permitted")},
        {ENOSPC, QT_TRANSLATE_NOOP("laminar::CoreMessages", "no space left on the disk")},
        {EDQUOT, QT_TRANSLATE_NOOP("laminar::CoreMessages", "disk quota exceeded")},
        {EROFS, QT_TRANSLATE_NOOP("laminar::CoreMessages", "the file system is read-only")},
        {EISDIR, QT_TRANSLATE_NOOP("laminar::CoreMessages", "it is a folder")},
        {ENOTDIR, QT_TRANSLATE_NOOP("laminar::CoreMessages", "a part of the path is not a folder")},
        {EEXIST, QT_TRANSLATE_NOOP("laminar::CoreMessages", "it already exists")},
        {ENOTEMPTY, QT_TRANSLATE_NOOP("laminar::CoreMessages", "the folder is not empty")},
        {EIO, QT_TRANSLATE_NOOP("laminar::CoreMessages", "input/output error (the disk or network share failed)")},
        {EMFILE, QT_TRANSLATE_NOOP("laminar::CoreMessages", "too many open files")},
        {ENFILE, QT_TRANSLATE_NOOP("laminar::CoreMessages", "too many open files in the system")},
        {ENAMETOOLONG, QT_TRANSLATE_NOOP("laminar::CoreMessages", "the file name is too long")},
        {EBUSY, QT_TRANSLATE_NOOP("laminar::CoreMessages", "the device or resource is busy")},
        {EXDEV, QT_TRANSLATE_NOOP("laminar::CoreMessages", "cannot move across devices")},
        {ELOOP, QT_TRANSLATE_NOOP("laminar::CoreMessages", "too many levels of symbolic links")},
        {ENOMEM, QT_TRANSLATE_NOOP("laminar::CoreMessages", "out of memory")},
        {EFBIG, QT_TRANSLATE_NOOP("laminar::CoreMessages", "the file is too large")},
        {ETXTBSY, QT_TRANSLATE_NOOP("laminar::CoreMessages", "the file is in use")},
        {EINVAL, QT_TRANSLATE_NOOP("laminar::CoreMessages", "invalid argument")},
    };
    std::map<std::string, const char*> byText;
    for (const auto& [code, text] : reasons) byText[std::strerror(code)] = text;
    return byText;
  }();
  auto it = known.find(reason);
  return it == known.end() ? QString::fromStdString(reason) : CoreMessages::tr(it->second);
}

// A parameter's value as the interface shows it: sizes ("...Bytes", a byte count) in the
// language's number format, system reasons translated, the rest as core gave them.
QString shownValue(const std::string& name, const std::string& value) {
  if (name.size() > 5 && name.compare(name.size() - 5, 5, "Bytes") == 0) {
    try {
      return NumberFormat::dataSize(std::stoull(value), Language::instance().screenLocale());
    } catch (const std::exception&) {
      return QString::fromStdString(value);
    }
  }
  if (name == "reason") return systemReason(value);
  return QString::fromStdString(value);
}

// Replaces %1..%9 in one pass, so a parameter's own "%2" is never substituted again.
QString fill(const QString& text, const QStringList& values) {
  QString out;
  for (qsizetype i = 0; i < text.size(); ++i) {
    const QChar c = text[i];
    if (c == QLatin1Char('%') && i + 1 < text.size() && text[i + 1] >= QLatin1Char('1') && text[i + 1] <= QLatin1Char('9')) {
      const int k = text[i + 1].digitValue() - 1;
      if (k < values.size()) {
        out += values[k];
        ++i;
        continue;
      }
    }
    out += c;
  }
  return out;
}

}  // namespace

const char* CoreMessages::templateOf(const std::string& code) {
  const Template* t = find(code);
  return t ? t->text : nullptr;
}

QString CoreMessages::translate(const Message& message) {
  const QString english = QString::fromStdString(message.english);
  const Template* t = message.code.empty() ? nullptr : find(message.code);
  if (!t) return english;
  const QString translated = tr(t->text);
  if (translated == QString::fromUtf8(t->text) && !t->appWords) return english;  // no translation: core's own words
  QStringList values;
  for (const char* name : t->params) values << shownValue(name, message.param(name));
  // The detail lists the texts' problems in core's English; translated, they are already in the
  // sentence panel's list (the same diagnostics, each by its code), so point there instead.
  const QString pointer = message.detail.empty() ? QString() : QLatin1Char('\n') + tr("The problems of each text are listed under the sentence file.");
  return fill(translated, values) + pointer;
}

QString CoreMessages::translate(const std::exception& e) {
  if (const auto* error = dynamic_cast<const Error*>(&e)) return translate(error->message());
  return QString::fromStdString(e.what());
}

QString CoreMessages::translate(const Diagnostic& d) { return translate(d.asMessage()); }

QString CoreMessages::translate(const std::string& text) { return QString::fromStdString(text); }

QString CoreMessages::translate(const QString& text) { return text; }

}  // namespace laminar
