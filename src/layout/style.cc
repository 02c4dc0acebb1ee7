#include "layout/style.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "core/error.h"
#include "core/suggest.h"

namespace tp::layout {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// ISO 216 sizes from millimetres; Letter is 8.5 x 11 in. In the order messages name them.
constexpr double kMm = 72.0 / 25.4;
constexpr std::pair<const char*, Size> kPageSizes[] = {
    {"a4", {210 * kMm, 297 * kMm}}, {"letter", {612, 792}}, {"a5", {148 * kMm, 210 * kMm}}};

// "a4, letter or a5"
std::string page_size_names() {
  std::string out;
  for (size_t i = 0; i < std::size(kPageSizes); ++i)
    out += std::string(i == 0 ? "" : i + 1 == std::size(kPageSizes) ? " or " : ", ") + kPageSizes[i].first;
  return out;
}

}  // namespace

Size page_size(const std::string& name) {
  for (const auto& [known, size] : kPageSizes)
    if (name == known) return size;
  throw Error(ErrorCode::Usage, "--page-size", "expected " + page_size_names() + ", got \"" + name + "\"");
}

namespace {

struct Reader {
  std::string file;

  [[noreturn]] void fail(const std::string& key, const std::string& what) const {
    throw Error(ErrorCode::Usage, file + ": " + key, what);
  }

  // Like the thread JSON: a key the layout does not know is an error naming it, never ignored (a
  // misspelt "marigns" would otherwise leave the margins as they were without a word).
  void only_keys(const json& j, const std::string& where, const std::vector<std::string>& known) const {
    if (!j.is_object()) fail(where, "expected an object, got " + j.dump());
    const std::string prefix = where.empty() ? "" : where + ".";
    for (const auto& [key, value] : j.items())
      if (std::find(known.begin(), known.end(), key) == known.end())
        fail(prefix + key, "unknown key" + did_you_mean(key, known, prefix));
  }

  double number(const json& j, const std::string& key, double min, double max) const {
    if (!j.is_number()) fail(key, "expected a number, got " + j.dump());
    double v = j.get<double>();
    if (v < min || v > max)
      fail(key, "expected a number from " + std::to_string(int(min)) + " to " + std::to_string(int(max)) +
                    ", got " + j.dump());
    return v;
  }

  Color color(const json& j, const std::string& key) const {
    auto hex = [](char c) -> int {
      if (c >= '0' && c <= '9') return c - '0';
      if (c >= 'a' && c <= 'f') return c - 'a' + 10;
      if (c >= 'A' && c <= 'F') return c - 'A' + 10;
      return -1;
    };
    std::string s = j.is_string() ? j.get<std::string>() : "";
    bool ok = s.size() == 7 && s[0] == '#';
    for (size_t i = 1; ok && i < 7; ++i) ok = hex(s[i]) >= 0;
    if (!ok) fail(key, "expected a colour \"#rrggbb\", got " + j.dump());
    auto channel = [&](size_t i) { return (hex(s[i]) * 16 + hex(s[i + 1])) / 255.0; };
    return {channel(1), channel(3), channel(5)};
  }

  void text(const json& j, const std::string& key, TextStyle& t) const {
    if (!j.is_object()) fail(key, "expected an object with size and color, got " + j.dump());
    only_keys(j, key,
              key == "text" ? std::vector<std::string>{"size", "color", "leading"}
                            : std::vector<std::string>{"size", "color"});
    if (j.contains("size")) t.size = number(j["size"], key + ".size", 4, 72);
    if (j.contains("color")) t.color = color(j["color"], key + ".color");
  }

  void apply(const json& j, Style& s) const {
    only_keys(j, "",
              {"comment",
               "extends",
               "page",
               "margins",
               "text",
               "link_color",
               "meta",
               "number",
               "title",
               "name",
               "caption",
               "quote",
               "footer",
               "frame_color",
               "rule_color",
               "placeholder_fill",
               "post_gap",
               "block_gap",
               "avatar_size",
               "image_max_height",
               "image_alone_max_height",
               "justify",
               "hyphenate",
               "counts",
               "link_notes",
               "warning_fill",
               "warning_color",
               "language"});
    if (j.contains("page")) {
      const json& p = j["page"];
      only_keys(p, "page", {"size", "width", "height"});
      if (p.contains("size")) {
        if (!p["size"].is_string())
          fail("page.size", "expected " + page_size_names() + ", got " + p["size"].dump());
        try {
          s.page = page_size(ascii_lower(p["size"].get<std::string>()));
        } catch (const Error& e) {
          fail("page.size", e.message());
        }
      }
      if (p.contains("width")) s.page.width = number(p["width"], "page.width", 144, 5000);
      if (p.contains("height")) s.page.height = number(p["height"], "page.height", 144, 5000);
    }
    if (j.contains("margins")) {
      const json& m = j["margins"];
      only_keys(m, "margins", {"top", "bottom", "left", "right"});
      if (m.contains("top")) s.margin_top = number(m["top"], "margins.top", 0, 300);
      if (m.contains("bottom")) s.margin_bottom = number(m["bottom"], "margins.bottom", 0, 300);
      if (m.contains("left")) s.margin_left = number(m["left"], "margins.left", 0, 300);
      if (m.contains("right")) s.margin_right = number(m["right"], "margins.right", 0, 300);
    }
    if (j.contains("text")) {
      text(j["text"], "text", s.text);
      if (j["text"].contains("leading")) s.leading = number(j["text"]["leading"], "text.leading", 1, 3);
    }
    if (j.contains("link_color")) s.link_color = color(j["link_color"], "link_color");
    if (j.contains("meta")) text(j["meta"], "meta", s.meta);
    if (j.contains("number")) text(j["number"], "number", s.number);
    if (j.contains("title")) text(j["title"], "title", s.title);
    if (j.contains("name")) text(j["name"], "name", s.name);
    if (j.contains("caption")) text(j["caption"], "caption", s.caption);
    if (j.contains("quote")) text(j["quote"], "quote", s.quote);
    if (j.contains("footer")) text(j["footer"], "footer", s.footer);
    if (j.contains("frame_color")) s.frame_color = color(j["frame_color"], "frame_color");
    if (j.contains("rule_color")) s.rule_color = color(j["rule_color"], "rule_color");
    if (j.contains("placeholder_fill")) s.placeholder_fill = color(j["placeholder_fill"], "placeholder_fill");
    if (j.contains("post_gap")) s.post_gap = number(j["post_gap"], "post_gap", 0, 200);
    if (j.contains("block_gap")) s.block_gap = number(j["block_gap"], "block_gap", 0, 200);
    if (j.contains("avatar_size")) s.avatar_size = number(j["avatar_size"], "avatar_size", 0, 200);
    if (j.contains("image_max_height")) {
      s.image_max_height = number(j["image_max_height"], "image_max_height", 0.1, 1);
      s.image_alone_max_height = std::max(s.image_alone_max_height, s.image_max_height);
    }
    if (j.contains("image_alone_max_height"))
      s.image_alone_max_height = number(j["image_alone_max_height"], "image_alone_max_height", 0.1, 1);
    if (j.contains("justify")) {
      if (!j["justify"].is_boolean()) fail("justify", "expected true or false, got " + j["justify"].dump());
      s.justify = j["justify"].get<bool>();
    }
    if (j.contains("hyphenate")) {
      if (!j["hyphenate"].is_boolean())
        fail("hyphenate", "expected true or false, got " + j["hyphenate"].dump());
      s.hyphenate = j["hyphenate"].get<bool>();
    }
    if (j.contains("counts")) {
      if (!j["counts"].is_boolean()) fail("counts", "expected true or false, got " + j["counts"].dump());
      s.counts = j["counts"].get<bool>();
    }
    if (j.contains("link_notes")) {
      if (!j["link_notes"].is_boolean())
        fail("link_notes", "expected true or false, got " + j["link_notes"].dump());
      s.link_notes = j["link_notes"].get<bool>();
    }
    if (j.contains("warning_fill")) s.warning_fill = color(j["warning_fill"], "warning_fill");
    if (j.contains("warning_color")) s.warning_color = color(j["warning_color"], "warning_color");
    if (j.contains("language")) {
      if (!j["language"].is_string())
        fail("language", "expected a language tag such as \"en\", got " + j["language"].dump());
      s.language = j["language"].get<std::string>();
    }
    if (s.content_width() < 72 || s.content_height() < 144)
      fail("margins", "leave less than 1 x 2 inches for the content");
  }
};

json read_json(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorCode::Usage, path.string(), "cannot read the layout file");
  try {
    return json::parse(in);
  } catch (const json::exception& e) {
    throw Error(ErrorCode::Usage, path.string(), std::string("invalid JSON: ") + e.what());
  }
}

// The layout that gives every key its default; a file that extends nothing starts from it.
constexpr const char* kDefaults = "a4";

void load_into(const fs::path& path, const std::string& layouts_dir, Style& s, int depth) {
  if (depth > 8) throw Error(ErrorCode::Usage, path.string(), "\"extends\" goes round in a circle");
  json j = read_json(path);
  if (!j.is_object()) throw Error(ErrorCode::Usage, path.string(), "expected a JSON object");
  const fs::path defaults = fs::path(layouts_dir) / (std::string(kDefaults) + ".json");
  std::error_code ec;
  if (j.contains("extends")) {
    if (!j["extends"].is_string())
      throw Error(ErrorCode::Usage, path.string() + ": extends", "expected a layout name");
    load_into(fs::path(layouts_dir) / (j["extends"].get<std::string>() + ".json"), layouts_dir, s, depth + 1);
  } else if (!fs::equivalent(path, defaults, ec)) {
    load_into(defaults, layouts_dir, s, depth + 1);
  }
  Reader{path.string()}.apply(j, s);
}

}  // namespace

Style load_style(const std::string& name_or_file, const std::string& layouts_dir) {
  fs::path path = name_or_file;
  bool is_name = name_or_file.find('/') == std::string::npos && path.extension() != ".json";
  if (is_name) {
    path = fs::path(layouts_dir) / (name_or_file + ".json");
    if (!fs::exists(path)) {
      std::set<std::string> names;  // sorted, so the message does not depend on directory order
      if (fs::is_directory(layouts_dir))
        for (const auto& e : fs::directory_iterator(layouts_dir))
          if (e.path().extension() == ".json") names.insert(e.path().stem().string());
      std::string known;
      for (const auto& n : names) known += (known.empty() ? "" : ", ") + n;
      std::string hint;
      try {
        page_size(name_or_file);
        hint = "; for the page size alone, use --page-size " + name_or_file;
      } catch (const Error&) {
        hint = did_you_mean(name_or_file, {names.begin(), names.end()});
      }
      if (names.empty())
        throw Error(ErrorCode::Usage, "--layout",
                    "no layout named \"" + name_or_file + "\": " + layouts_dir + " holds no layouts");
      throw Error(ErrorCode::Usage, "--layout",
                  "no layout named \"" + name_or_file + "\" (known: " + known + ")" + hint);
    }
  }
  Style s;
  load_into(path, layouts_dir, s, 0);
  return s;
}

}  // namespace tp::layout
