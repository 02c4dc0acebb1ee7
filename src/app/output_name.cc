#include "app/output_name.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <vector>

#include "core/error.h"
#include "core/suggest.h"

namespace tp::app {

namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kFields{"platform", "handle", "id", "date", "title", "author"};

bool ascii_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Characters that make trouble in a file name on some system become '_'; a leading '.' would hide it.
std::string safe(const std::string& s) {
  std::string out;
  for (unsigned char c : s)
    out += (c < 0x20 || std::string_view("/\\:*?\"<>|").find(c) != std::string_view::npos) ? '_' : char(c);
  while (!out.empty() && (out.front() == '.' || out.front() == ' ')) out.erase(out.begin());
  return out.empty() ? "unknown" : out;
}

std::string slug(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (ascii_alnum(c))
      out += ascii_lower(std::string(1, c));
    else if (!out.empty() && out.back() != '-')
      out += '-';
    if (out.size() >= 60) break;
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "untitled" : out;
}

}  // namespace

void check_name_template(const std::string& t) {
  if (t.find('/') != std::string::npos)
    throw Error(ErrorCode::Usage, "--name", "a name, not a path, got \"" + t + "\" (the folder is -o DIR)");
  for (size_t i = t.find('{'); i != std::string::npos; i = t.find('{', i + 1)) {
    size_t end = t.find('}', i);
    if (end == std::string::npos)
      throw Error(ErrorCode::Usage, "--name", "a '{' without its '}' in \"" + t + "\"");
    const std::string field = t.substr(i + 1, end - i - 1);
    if (std::find(kFields.begin(), kFields.end(), field) == kFields.end())
      throw Error(
          ErrorCode::Usage, "--name",
          "unknown field {" + field + "} (known: " + kNameFields + ")" + did_you_mean(field, kFields));
  }
  if (t.empty()) throw Error(ErrorCode::Usage, "--name", "an empty name");
}

std::string name_from_template(const std::string& t, const model::Thread& thread,
                               const std::string& post_id) {
  std::string out;
  for (size_t i = 0; i < t.size();) {
    size_t open = t.find('{', i);
    if (open == std::string::npos) {
      out += t.substr(i);
      break;
    }
    out += t.substr(i, open - i);
    size_t end = t.find('}', open);
    const std::string field = t.substr(open + 1, end - open - 1);
    std::string handle = thread.author.handle;
    if (!handle.empty() && handle.front() == '@') handle.erase(handle.begin());
    const model::Post* first = thread.posts.empty() ? nullptr : &thread.posts.front();
    if (field == "platform")
      out += model::platform_name(thread.source.platform);
    else if (field == "handle")
      out += safe(handle);
    else if (field == "id")
      out += safe(post_id);
    else if (field == "date")
      out += first && first->created_at && first->created_at->size() >= 10
                 ? safe(first->created_at->substr(0, 10))
                 : "undated";
    else if (field == "title")
      out += slug(thread.title ? *thread.title : first ? first->text : "");
    else if (field == "author")
      out += safe(thread.author.name);
    i = end + 1;
  }
  out = safe(out);
  if (out.size() < 4 || ascii_lower(out.substr(out.size() - 4)) != ".pdf") out += ".pdf";
  return out;
}

std::string free_name(const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return path;
  const fs::path p(path);
  for (int n = 2;; ++n) {
    fs::path candidate =
        p.parent_path() / (p.stem().string() + "-" + std::to_string(n) + p.extension().string());
    if (!fs::exists(candidate, ec)) return candidate.string();
  }
}

namespace {

std::string sanitised(const std::string& s) {
  std::string out;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
              c == '_' || c == '-';
    out += ok ? c : '_';
  }
  while (!out.empty() && out.front() == '.') out.erase(out.begin());  // no hidden files
  return out.empty() ? "unknown" : out;
}

}  // namespace

std::string url_output_name(const model::Thread& thread, const std::string& post_id) {
  std::string handle = thread.author.handle;
  if (!handle.empty() && handle.front() == '@') handle.erase(handle.begin());
  return std::string(model::platform_name(thread.source.platform)) + "-" + sanitised(handle) + "-" +
         sanitised(post_id) + ".pdf";
}

std::string url_output_name(const source::SourceRef& ref) {
  model::Thread named;
  named.source.platform = ref.platform;
  named.author.handle = ref.user;
  // Mastodon user names repeat across instances: the handle is user@instance, as the platform writes it.
  if (ref.platform == model::Platform::Mastodon && ref.user.find('@', 1) == std::string::npos) {
    std::string host =
        ref.base.substr(ref.base.find("://") == std::string::npos ? 0 : ref.base.find("://") + 3);
    host = host.substr(0, host.find_first_of(":/"));
    named.author.handle = ref.user + "@" + host;
  }
  return url_output_name(named, ref.post_id);
}

std::string thread_key(const source::SourceRef& ref) {
  auto lower = [](std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  const std::string platform = model::platform_name(ref.platform);
  switch (ref.platform) {
    case model::Platform::Mastodon:
      return platform + ":" + lower(ref.base) + "/" + ref.post_id;
    case model::Platform::Bluesky:
      return platform + ":" + lower(ref.user) + "/" + ref.post_id;
    default:
      return platform + ":" + ref.post_id;
  }
}

}  // namespace tp::app
