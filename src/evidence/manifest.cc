#include "evidence/manifest.h"

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "source/sha256.h"

namespace tp::evidence {

namespace {

using json = nlohmann::ordered_json;
constexpr const char* kFormat = "threadpdf-manifest/1";

std::optional<std::string> optional_string(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::nullopt;
  return it->get<std::string>();
}

}  // namespace

namespace {

std::vector<Manifest::Post> hashes_of_posts(const json& doc, const std::string& input) {
  if (!doc.is_object() || !doc.contains("posts") || !doc["posts"].is_array())
    throw Error(ErrorCode::Input, input, "thread.json: not thread JSON");
  std::vector<Manifest::Post> out;
  out.reserve(doc["posts"].size());
  for (const json& p : doc["posts"]) {
    if (!p.is_object()) throw Error(ErrorCode::Input, input, "thread.json: a post is not an object");
    // The same serialisation parse::write_post_json gives (docs/manifest.md): ordered_json keeps
    // the written key order, and dump(-1) adds no whitespace.
    out.push_back({p.value("id", std::string()), source::sha256_hex(p.dump(-1, ' ', false))});
  }
  return out;
}

}  // namespace

std::vector<Manifest::Post> post_hashes(const std::string& thread_json, const std::string& input) {
  json doc = json::parse(thread_json, nullptr, false);
  if (doc.is_discarded()) throw Error(ErrorCode::Input, input, "thread.json: not thread JSON");
  return hashes_of_posts(doc, input);
}

Manifest make_manifest(const std::string& thread_json, const std::vector<MediaInput>& media,
                       const std::string& tool) {
  Manifest m;
  m.tool = tool;
  // Parsed once for the source and the posts: the thread JSON of a long thread is megabytes.
  json doc = json::parse(thread_json, nullptr, false);
  if (doc.is_discarded() || !doc.contains("source"))
    throw Error(ErrorCode::Internal, "manifest", "not thread JSON");
  m.source_url = optional_string(doc["source"], "url");
  m.captured_at = optional_string(doc["source"], "captured_at");
  m.thread_sha256 = source::sha256_hex(thread_json);
  m.posts = hashes_of_posts(doc, "manifest");
  for (const MediaInput& in : media) m.media.push_back({in.src, in.sha256, in.file});
  return m;
}

Manifest make_manifest(const model::Thread& thread, const std::string& thread_json,
                       std::vector<Manifest::Post> posts, const std::vector<MediaInput>& media,
                       const std::string& tool) {
  Manifest m;
  m.tool = tool;
  m.source_url = thread.source.url;
  m.captured_at = thread.source.captured_at;
  m.thread_sha256 = source::sha256_hex(thread_json);
  m.posts = std::move(posts);
  for (const MediaInput& in : media) m.media.push_back({in.src, in.sha256, in.file});
  return m;
}

std::string write_manifest(const Manifest& m) {
  json doc = json::object();
  doc["format"] = kFormat;
  doc["tool"] = m.tool;
  doc["source_url"] = m.source_url ? json(*m.source_url) : json(nullptr);
  doc["captured_at"] = m.captured_at ? json(*m.captured_at) : json(nullptr);
  doc["thread"] = {{"file", kThreadFile}, {"sha256", m.thread_sha256}};
  json& posts = doc["posts"] = json::array();
  for (const auto& p : m.posts) posts.push_back({{"id", p.id}, {"sha256", p.sha256}});
  json& media = doc["media"] = json::array();
  for (const auto& x : m.media) {
    json e = {{"src", x.src}, {"sha256", x.sha256}};
    e["file"] = x.file.empty() ? json(nullptr) : json(x.file);
    media.push_back(std::move(e));
  }
  return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

Manifest read_manifest(const std::string& text, const std::string& input) {
  try {
    json doc = json::parse(text);
    if (doc.at("format") != kFormat)
      throw Error(ErrorCode::Input, input, "manifest.json: not " + std::string(kFormat));
    Manifest m;
    m.tool = doc.at("tool").get<std::string>();
    m.source_url = optional_string(doc, "source_url");
    m.captured_at = optional_string(doc, "captured_at");
    m.thread_sha256 = doc.at("thread").at("sha256").get<std::string>();
    for (const json& p : doc.at("posts"))
      m.posts.push_back({p.at("id").get<std::string>(), p.at("sha256").get<std::string>()});
    for (const json& x : doc.at("media"))
      m.media.push_back({x.at("src").get<std::string>(), x.at("sha256").get<std::string>(),
                         x.at("file").is_null() ? std::string() : x.at("file").get<std::string>()});
    return m;
  } catch (const json::exception& e) {
    throw Error(ErrorCode::Input, input, std::string("manifest.json: ") + e.what());
  }
}

std::vector<std::string> provenance_lines(const Manifest& m) {
  std::vector<std::string> out;
  out.push_back("Captured: " + m.captured_at.value_or("(time not recorded)"));
  out.push_back("Source: " + m.source_url.value_or("(not recorded)"));
  out.push_back("Made by: " + m.tool);
  out.push_back("SHA-256 of the thread JSON (embedded as thread.json): " + m.thread_sha256);
  for (size_t i = 0; i < m.posts.size(); ++i)
    out.push_back("Post " + std::to_string(i + 1) + " (" + m.posts[i].id + "): " + m.posts[i].sha256);
  for (const auto& x : m.media)
    out.push_back("Picture " + x.src + (x.file.empty() ? "" : " (embedded as " + x.file + ")") + ": " +
                  x.sha256);
  return out;
}

}  // namespace tp::evidence
