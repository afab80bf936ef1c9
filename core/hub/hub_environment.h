#pragma once
// The environment variables the Python Hugging Face tools honour, read the same way so
// both share one cache, one endpoint and one login.
#include <filesystem>
#include <optional>
#include <string>

namespace laminar::hub {

// $HF_ENDPOINT, else "https://huggingface.co"; never ends with '/'.
std::string defaultEndpoint();

// $HF_HUB_CACHE, $HUGGINGFACE_HUB_CACHE, $HF_HOME/hub, $XDG_CACHE_HOME/huggingface/hub,
// else ~/.cache/huggingface/hub.
std::filesystem::path defaultCacheDirectory();

// $HF_HOME, $XDG_CACHE_HOME/huggingface, else ~/.cache/huggingface.
std::filesystem::path huggingFaceHome();

// $HF_TOKEN, $HUGGING_FACE_HUB_TOKEN, else the file `huggingface-cli login` writes
// ($HF_TOKEN_PATH or $HF_HOME/token); nullopt when none. Never log the result.
std::optional<std::string> defaultToken();

// True when HF_HUB_OFFLINE is set to 1/ON/YES/TRUE: no network access allowed.
bool offlineModeRequested();

// "{endpoint}/{repo}/resolve/{revision}/{file}", revision percent-encoded (a branch may
// contain '/'), file path encoded segment by segment.
std::string resolveUrl(const std::string& endpoint, const std::string& repo,
                       const std::string& revision, const std::string& file);

}  // namespace laminar::hub
