// laminar-cli extract: activations at hook points, written as seq{i}.{hook point} tensors
// with the shapes of the Hugging Face reference fixture.
#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>
#include <sstream>

#include "cli/command_registry.h"
#include "cli/cli_common.h"
#include "io/safetensors.h"
#include "model/gpt2_model.h"
#include "model/hook_points.h"
#include "util/atomic_file.h"
#include "util/error.h"

namespace laminar::cli {
namespace {

struct ExtractOptions {
  std::string model, idsJson, textsJson, hooks = "all", device = "cpu", dtype = "float32", out;
  int threads = 0;
};

std::vector<std::vector<int64_t>> readIdsJson(const std::string& path) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(readFile(path));
  } catch (const nlohmann::json::exception& e) {
    throw Error(fileError(path, std::string("not valid JSON: ") + e.what()));
  }
  if (!j.is_array()) throw Error(fileError(path, "expected a JSON array of arrays of token ids"));
  std::vector<std::vector<int64_t>> ids;
  for (size_t i = 0; i < j.size(); ++i) {
    if (!j[i].is_array()) throw Error(fileError(path, "element " + std::to_string(i) + " is not an array of token ids"));
    std::vector<int64_t> seq;
    for (size_t t = 0; t < j[i].size(); ++t) {
      if (!j[i][t].is_number_integer())
        throw Error(fileError(path, "sequence " + std::to_string(i) + ", position " + std::to_string(t) +
                                        ": not an integer token id"));
      seq.push_back(j[i][t].get<int64_t>());
    }
    ids.push_back(std::move(seq));
  }
  return ids;
}

std::vector<std::string> parseHooks(const std::string& spec, int nLayer) {
  if (spec == "all") return allHookPoints(nLayer);
  std::vector<std::string> hooks;
  std::stringstream ss(spec);
  std::string item;
  while (std::getline(ss, item, ','))
    if (!item.empty()) hooks.push_back(item);
  if (hooks.empty()) throw Error("--hooks: no hook point named");
  return hooks;
}

int runExtract(const ExtractOptions& o) {
  ModelOptions mo;
  mo.device = o.device;
  mo.dtype = o.dtype;
  mo.threads = o.threads;
  auto model = Gpt2Model::load(o.model, mo);
  std::vector<std::vector<int64_t>> ids =
      o.idsJson.empty() ? tokenizeTextsJson(o.textsJson, model->files()) : readIdsJson(o.idsJson);
  if (ids.empty()) throw Error("no sequences to run");
  CaptureSpec spec;
  spec.hooks = parseHooks(o.hooks, static_cast<int>(model->config().nLayer));
  Captures captures;
  try {
    captures = model->run(ids, spec);
  } catch (const Error& e) {
    // The model names a bad sequence ("sequence 3 has 5000000 tokens ..."); say which file holds it.
    if (std::string(e.what()).rfind("sequence ", 0) != 0) throw;
    throw Error(fileError(o.idsJson.empty() ? o.textsJson : o.idsJson, e.what()));
  }

  std::vector<TensorToWrite> tensors;
  for (size_t s = 0; s < ids.size(); ++s)
    for (const auto& hook : spec.hooks) {
      const torch::Tensor& t = captures.at(hook).at(s);
      TensorToWrite w;
      w.name = "seq" + std::to_string(s) + "." + hook;
      w.dtype = DType::F32;
      w.shape.assign(t.sizes().begin(), t.sizes().end());
      w.data = t.data_ptr();
      w.byteSize = static_cast<size_t>(t.numel()) * sizeof(float);
      tensors.push_back(std::move(w));
    }
  writeSafetensors(o.out, tensors, {{"laminar_model", o.model}});
  std::cerr << "extract: " << ids.size() << " sequences, " << spec.hooks.size() << " hook points -> " << o.out << "\n";
  if (model->config().syntheticWeights)
    std::cerr << "note: this model's weights are random (synthetic); its activations mean nothing\n";
  return 0;
}

RegisterCommand extractCommand([](CLI::App& app) {
  auto o = std::make_shared<ExtractOptions>();
  auto* sub = app.add_subcommand("extract", "Run a model and save activations at hook points (safetensors)");
  sub->add_option("--model", o->model, "Checkpoint directory (Hugging Face layout)")->required();
  auto* ids = sub->add_option("--ids-json", o->idsJson, "JSON array of arrays of token ids");
  auto* texts = sub->add_option("--texts-json", o->textsJson, "JSON array of texts (tokenized with the model's tokenizer)");
  ids->excludes(texts);
  sub->add_option("--hooks", o->hooks, "'all' or comma-separated hook points (blocks.3.attn.hook_q,...)");
  sub->add_option("--device", o->device, "cpu, cuda or cuda:N");
  sub->add_option("--dtype", o->dtype, "float32; float16 or bfloat16 on CUDA");
  sub->add_option("--threads", o->threads, "CPU threads (0 = all cores)");
  sub->add_option("--out", o->out, "Output .safetensors file")->required();
  return std::function<int()>([o, ids, texts] {
    if (ids->count() == 0 && texts->count() == 0) throw Error("give --ids-json or --texts-json");
    return runExtract(*o);
  });
});

}  // namespace
}  // namespace laminar::cli
