// The results directory (docs/results-format.md): results.json, CSV tables, vectors.safetensors.
#include <algorithm>
#include <istream>
#include <set>
#include <streambuf>

#include "analysis/analysis.h"
#include "analysis/result_values.h"
#include "analysis/run_results.h"
#include "io/safetensors.h"
#include "util/atomic_file.h"
#include "util/error.h"
#include "util/json_excerpt.h"

namespace laminar {
namespace fs = std::filesystem;

namespace {
constexpr const char* kFormat = "laminar-results";
// 1: every statistic in results.json. 2 (issue 14): experiment 1's text-by-text matrices are
// no longer written (loadResults computes them from the saved vectors); version 1 still loads.
constexpr int kFormatVersion = 3;  // docs/results-format.md, "Format versions"

// Progress over [from, to] of a caller's [0, 1]; empty when the caller gave none.
LoadProgress part(const LoadProgress& progress, double from, double to) {
  if (!progress) return {};
  return [progress, from, to](double f) { progress(from + (to - from) * std::clamp(f, 0.0, 1.0)); };
}

// Hands a string to the JSON parser a chunk at a time, reporting how much was read: old
// directories (format 1) hold results.json files of hundreds of MB.
class ProgressBuffer : public std::streambuf {
 public:
  ProgressBuffer(const std::string& text, LoadProgress progress) : text_(text), progress_(std::move(progress)) {}

 protected:
  int_type underflow() override {
    if (pos_ >= text_.size()) return traits_type::eof();
    if (progress_) progress_(static_cast<double>(pos_) / static_cast<double>(text_.size()));
    const size_t n = std::min(kChunk, text_.size() - pos_);
    char* begin = const_cast<char*>(text_.data()) + pos_;  // read only: streambuf wants char*
    setg(begin, begin, begin + n);
    pos_ += n;
    return traits_type::to_int_type(*begin);
  }

 private:
  static constexpr size_t kChunk = size_t{4} << 20;
  const std::string& text_;
  LoadProgress progress_;
  size_t pos_ = 0;
};

// The files of one results set, written into `dir` (the atomic directory's staging path).
void writeResultsInto(const RunResults& results, const fs::path& dir) {
  std::unique_ptr<Analysis> analysis = makeAnalysis(results.experiment);
  nlohmann::json j;
  j["format"] = kFormat;
  j["formatVersion"] = kFormatVersion;
  j["experiment"] = results.experiment;
  j["metadata"] = results.metadata;
  j["diagnostics"] = results.diagnostics;
  j[results.experiment] = analysis->toJson(results);
  std::vector<CsvTable> tables = analysis->tables(results);
  j["files"]["tables"] = nlohmann::json::array();
  for (auto& t : tables) j["files"]["tables"].push_back(t.fileName);
  j["files"]["vectors"] = "vectors.safetensors";
  j["vectors"] = nlohmann::json::array();
  std::vector<TensorToWrite> tensors;
  for (const StoredArray& a : results.vectors) {
    j["vectors"].push_back({{"name", a.name}, {"dtype", dtypeName(a.dtype)}, {"shape", a.shape}});
    tensors.push_back({a.name, a.dtype, a.shape, a.bytes.data(), a.bytes.size()});
  }

  writeSafetensors(dir / "vectors.safetensors", tensors, {{"format", kFormat}, {"experiment", results.experiment}});
  for (auto& t : tables) writeFileAtomically(dir / t.fileName, t.content);
  writeFileAtomically(dir / "results.json", j.dump(1) + "\n");
}

// The control's subdirectory (metadata["control"]["directory"]), a plain name inside the
// results directory; empty when the run has no control.
std::string controlDirectory(const nlohmann::json& metadata, const fs::path& jsonPath) {
  // A control's own metadata.control (kind, seed) has no directory: it has no control itself.
  if (!metadata.is_object() || !metadata.contains("control") || !metadata.at("control").contains("directory")) return {};
  const nlohmann::json& given = metadata.at("control").at("directory");
  const std::string name = given.is_string() ? given.get<std::string>() : "";
  if (name.empty() || name == "." || name == ".." || name.find('/') != std::string::npos)
    throw Error(fileMessage(jsonPath.string(), msg::kResultsControlDirectory, {{"found", name}},
                            "metadata.control.directory must name a subdirectory, got \"" + name + "\""));
  return name;
}

// "malformed results: <detail>", coded: a value of the wrong kind or a missing key.
Error malformed(const fs::path& jsonPath, const std::string& detail) {
  return Error(fileMessage(jsonPath.string(), msg::kResultsMalformed, {{"detail", detail}}, "malformed results: " + detail));
}

}  // namespace

void saveResults(const RunResults& results, const fs::path& dir) {
  AtomicDirectory out(dir);
  writeResultsInto(results, out.path());
  if (results.control) {
    const std::string sub = controlDirectory(results.metadata, dir / "results.json");
    if (sub.empty()) throw Error("results with a control need metadata.control.directory");
    fs::create_directories(out.path() / sub);
    writeResultsInto(*results.control, out.path() / sub);
  }
  out.commit();
}

namespace {

void requireResultsDirectory(const fs::path& dir, const fs::path& jsonPath) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw Error(fileMessage(dir.string(), msg::kResultsNoDirectory, {}, "not a results directory (no such directory)"));
  if (!fs::exists(jsonPath, ec))
    throw Error(fileMessage(dir.string(), msg::kResultsNoJson, {}, "not a results directory (no results.json)"));
}

// The share of the load spent on results.json (parsing it and the statistics it holds); the
// vectors take the rest (read, then whatever the analysis computes from them). By file sizes.
double jsonShareOfLoad(size_t jsonBytes, const fs::path& vectorsPath) {
  std::error_code ec;
  const auto vectorBytes = fs::file_size(vectorsPath, ec);
  if (ec) return 0.5;
  return 0.9 * static_cast<double>(jsonBytes) / static_cast<double>(jsonBytes + vectorBytes + 1);
}

nlohmann::json parseResultsJson(const std::string& text, const fs::path& jsonPath, const LoadProgress& progress) {
  try {
    ProgressBuffer buffer(text, progress);
    std::istream in(&buffer);
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw Error(fileMessage(jsonPath.string(), msg::kFileInvalidJson, {{"detail", e.what()}},
                            std::string("not valid JSON: ") + e.what()));
  }
}

void checkFormat(const nlohmann::json& j, const fs::path& jsonPath) {
  if (!j.is_object() || j.value("format", "") != kFormat)
    throw Error(fileMessage(jsonPath.string(), msg::kResultsNotLaminar, {},
                            "not a Laminar results file (\"format\" is not \"laminar-results\")"));
  const nlohmann::json& versionField = j.at("formatVersion");
  if (!versionField.is_number_integer())
    throw Error(fileMessage(jsonPath.string(), msg::kResultsVersionNotInteger, {{"found", jsonExcerpt(versionField)}},
                            "\"formatVersion\" is not an integer: " + jsonExcerpt(versionField)));
  const int64_t version = versionField.get<int64_t>();
  if (version > kFormatVersion)
    throw Error(fileMessage(jsonPath.string(), msg::kResultsNewerVersion,
                            {{"found", std::to_string(version)}, {"max", std::to_string(kFormatVersion)}},
                            "written by a newer Laminar (format version " + std::to_string(version) +
                                "; this one reads up to " + std::to_string(kFormatVersion) + ")"));
}

// The format check, then what results.json holds into `r`; returns the run's analysis, which
// reads the statistics.
std::unique_ptr<Analysis> readStatistics(const nlohmann::json& j, const fs::path& jsonPath, RunResults& r) {
  try {
    checkFormat(j, jsonPath);
    r.experiment = j.at("experiment").get<std::string>();
    r.metadata = j.at("metadata");
    r.diagnostics = j.at("diagnostics").get<std::vector<std::string>>();
    std::unique_ptr<Analysis> analysis = makeAnalysis(r.experiment);
    try {
      analysis->fromJson(j.at(r.experiment), r);
    } catch (const Error& e) {  // a value of the wrong kind (an integer field holding 1e99)
      throw malformed(jsonPath, e.what());
    }
    return analysis;
  } catch (const nlohmann::json::exception& e) {
    throw malformed(jsonPath, e.what());
  }
}

// The control's subdirectory, or empty. saveResults writes one level; a control naming a control
// of its own is a hand-made folder, and a link back up (control -> .) would have it load itself
// until the path grows too long.
std::string controlToLoad(const nlohmann::json& metadata, const fs::path& jsonPath, bool isControl) {
  // Directories written before controls existed have no metadata.control: no control.
  const std::string sub = controlDirectory(metadata, jsonPath);
  if (isControl && !sub.empty())
    throw Error(fileMessage(jsonPath.string(), msg::kResultsNestedControl, {{"found", sub}},
                            "a control has no control of its own, but metadata.control.directory is \"" + sub + "\""));
  return sub;
}

// The arrays results.json lists, copied out of vectors.safetensors.
std::vector<StoredArray> readVectors(const nlohmann::json& j, const fs::path& jsonPath, const fs::path& vectorsPath,
                                     const LoadProgress& progress) {
  auto file = SafetensorsFile::open(vectorsPath);
  std::vector<StoredArray> vectors;
  try {
    const auto& list = j.at("vectors");
    for (const auto& v : list) {
      const std::string name = v.at("name").get<std::string>();
      const TensorView* t = file->find(name);
      if (!t)
        throw Error(fileMessage(vectorsPath.string(), msg::kResultsTensorMissing, {{"tensor", name}},
                                "tensor \"" + name + "\" listed in results.json is missing"));
      StoredArray a;
      a.name = name;
      a.dtype = t->dtype;
      a.shape = t->shape;
      const auto* p = static_cast<const unsigned char*>(t->data);
      a.bytes.assign(p, p + t->byteSize);
      vectors.push_back(std::move(a));
      if (progress) progress(static_cast<double>(vectors.size()) / static_cast<double>(list.size()));
    }
  } catch (const nlohmann::json::exception& e) {
    throw Error(fileMessage(jsonPath.string(), msg::kResultsMalformedVectors, {{"detail", e.what()}},
                            std::string("malformed \"vectors\" list: ") + e.what()));
  }
  return vectors;
}

// What the analysis computes from the vectors (experiment 1's text-by-text matrices, ...).
void computeFromVectors(Analysis& analysis, RunResults& r, const fs::path& vectorsPath, const LoadProgress& progress) {
  try {
    analysis.fromVectors(r, progress);
  } catch (const Error& e) {
    if (!e.message().code.empty()) throw;  // already names its file and says what is wrong
    throw Error(fileMessage(vectorsPath.string(), msg::kResultsVectorsUnusable, {{"detail", e.what()}}, e.what()));
  }
}

RunResults loadResultsDirectory(const fs::path& dir, const LoadProgress& progress, bool isControl);

std::shared_ptr<RunResults> loadControl(const fs::path& dir, const std::string& sub, const std::string& experiment,
                                        const LoadProgress& progress) {
  auto control = std::make_shared<RunResults>(loadResultsDirectory(dir / sub, progress, true));
  if (control->experiment != experiment)
    throw Error(fileMessage((dir / sub / "results.json").string(), msg::kResultsControlExperiment,
                            {{"found", control->experiment}},
                            "the control's experiment \"" + control->experiment + "\" is not the run's"));
  return control;
}

// loadResults of `dir`, the run's own directory or (isControl) its control's subdirectory.
RunResults loadResultsDirectory(const fs::path& dir, const LoadProgress& progress, bool isControl) {
  const fs::path jsonPath = dir / "results.json";
  const fs::path vectorsPath = dir / "vectors.safetensors";
  requireResultsDirectory(dir, jsonPath);
  if (progress) progress(0.0);
  const std::string text = readFile(jsonPath);
  const double jsonShare = jsonShareOfLoad(text.size(), vectorsPath);
  const nlohmann::json j = parseResultsJson(text, jsonPath, part(progress, 0.0, 0.5 * jsonShare));
  RunResults r;
  std::unique_ptr<Analysis> analysis = readStatistics(j, jsonPath, r);
  const std::string sub = controlToLoad(r.metadata, jsonPath, isControl);
  // With a control, the run takes the first half of the progress and control/ the second.
  const LoadProgress own = sub.empty() ? progress : part(progress, 0.0, 0.5);
  if (own) own(jsonShare);
  r.vectors = readVectors(j, jsonPath, vectorsPath, part(own, jsonShare, jsonShare + 0.05));
  computeFromVectors(*analysis, r, vectorsPath, part(own, jsonShare + 0.05, 1.0));
  if (own) own(1.0);
  if (!sub.empty()) r.control = loadControl(dir, sub, r.experiment, part(progress, 0.5, 1.0));
  return r;
}

}  // namespace

RunResults loadResults(const fs::path& dir) { return loadResults(dir, LoadProgress{}); }

RunResults loadResults(const fs::path& dir, const LoadProgress& progress) {
  return loadResultsDirectory(dir, progress, false);
}

}  // namespace laminar
