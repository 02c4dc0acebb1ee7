#include "thread_html.h"

#include <algorithm>
#include <optional>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/format.h"
#include "core/utf8.h"
#include "model/thread.h"

namespace tp::bench {

namespace {

using json = nlohmann::ordered_json;

// layouts/a4.json, in points: the page, its margins and the picture limits threadpdf lays out with.
constexpr double kPageWidth = 210 * 72 / 25.4, kPageHeight = 297 * 72 / 25.4;
constexpr double kMarginTop = 54, kMarginBottom = 62, kMarginSide = 62;
constexpr double kColumn = kPageWidth - 2 * kMarginSide;
constexpr double kContentHeight = kPageHeight - kMarginTop - kMarginBottom;
constexpr double kImageMaxHeight = 0.5 * kContentHeight;  // image_max_height and image_alone_max_height
constexpr double kAvatarSize = 42;
// Insets of the framed blocks (src/layout/post_blocks.cc): a quote's padding, a card's.
constexpr double kQuotePad = 9, kCardPad = 8;

// The stylesheet: layouts/a4.json's sizes and colours. The running head is added per thread.
constexpr const char* kStyle = R"(@page { size: A4; margin: 54pt 62pt 62pt 62pt;
  @bottom-center { content: "page " counter(page) " / " counter(pages); font: 8pt "Noto Sans"; color: #777777; } }
@page :first { @top-left { content: none; } }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: "Noto Sans", "Noto Sans Symbols2", "Noto Color Emoji", sans-serif;
  font-size: 10.5pt; line-height: 1.45; color: #1b1b1b; }
a { color: #1a5bb8; text-decoration: none; }
p { margin: 0; }
img { display: block; box-sizing: border-box; border: 0.4pt solid #c9ced6; }
h1 { margin: 0; font-size: 19pt; line-height: 1.25; color: #111111; }
.who { display: flex; gap: 10pt; margin-top: 8pt; break-after: avoid; }
.name { margin-top: 2pt; font-size: 13pt; font-weight: bold; color: #111111; }
.meta { font-size: 8.5pt; color: #626262; }
.meta a.plain, h2 a, .author a { color: #626262; }
header > p:first-of-type { margin-top: 8pt; }
header { padding-bottom: 8pt; border-bottom: 1pt solid #c9ced6; }
article { margin-top: 6.5pt; }
article + article { padding-top: 6.5pt; border-top: 0.6pt solid #e1e4e8; }
h2 { margin: 0 0 4pt 0; font-size: 10pt; font-weight: normal; color: #626262; white-space: pre-wrap;
  break-after: avoid; }
h2 b { color: #1a5bb8; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
figure { margin: 7pt 0 0 0; }
figure:first-child { margin-top: 0; }
.picture { position: relative; display: block; width: fit-content; break-inside: avoid; }
.badge { position: absolute; left: 8pt; bottom: 8pt; padding: 1.5pt 8pt; border-radius: 8pt;
  background: #1a1a1f; color: #ffffff; font-size: 8.5pt; font-weight: bold; }
figcaption { margin-top: 3pt; font-size: 8.5pt; color: #555555; break-before: avoid; }
blockquote { margin: 7pt 0 0 0; padding: 9pt; border: 0.6pt solid #c9ced6; break-inside: avoid; }
blockquote .text { font-size: 9.5pt; color: #262626; }
.author { font-size: 8.5pt; color: #626262; white-space: pre-wrap; }
.author b { color: #1b1b1b; }
.card { display: block; margin-top: 7pt; padding: 8pt; border: 0.6pt solid #c9ced6; color: inherit;
  break-inside: avoid; }
.card .title { margin-top: 6pt; font-size: 9.5pt; font-weight: bold; color: #262626; }
.card .title:first-child { margin-top: 0; }
.card .description { margin-top: 2pt; font-size: 8.5pt; color: #555555; display: -webkit-box;
  -webkit-box-orient: vertical; -webkit-line-clamp: 4; overflow: hidden; }
.card .site { margin-top: 2pt; font-size: 8.5pt; color: #626262; }
.gone { margin-top: 4pt; padding: 8pt 10pt; border: 0.6pt dashed #c9ced6; background: #f2f3f5;
  font-size: 8.5pt; color: #626262; break-inside: avoid; }
)";

void escape(std::string& out, std::string_view s) {
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
}

std::string escaped(std::string_view s) {
  std::string out;
  escape(out, s);
  return out;
}

// A CSS string literal, for the running head's `content`.
std::string css_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\a ";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

// A field that is a non-empty string, else nothing (absent, null or "" mean the same here).
std::optional<std::string> text_of(const json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_string() || it->get_ref<const std::string&>().empty())
    return std::nullopt;
  return it->get<std::string>();
}

std::string human(const std::optional<std::string>& rfc3339) {
  if (!rfc3339) return {};
  auto t = parse_rfc3339(*rfc3339);
  return t ? format_human(*t) : *rfc3339;
}

std::string platform_label(const json& source) {
  const std::string name = source.value("platform", "");
  for (model::Platform p : model::kPlatforms)
    if (name == model::platform_name(p)) return model::platform_label(p);
  return name;
}

// "example.org" of "https://www.example.org/a?b": what a card's last line shows.
std::string domain_of(const std::string& url) {
  size_t a = url.find("://");
  a = a == std::string::npos ? 0 : a + 3;
  size_t b = url.find_first_of("/?#", a);
  std::string host = url.substr(a, b == std::string::npos ? std::string::npos : b - a);
  if (host.starts_with("www.")) host = host.substr(4);
  return host;
}

class Writer {
 public:
  Writer(const json& thread, const PixelSizes& sizes) : thread_(thread), sizes_(sizes) {}

  std::string page() {
    const json& author = thread_.at("author");
    const std::optional<std::string> title = text_of(thread_, "title");
    const std::string who = author_label(author);
    const std::string head = title ? who + " \u00B7 " + *title : who;
    out_ += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>";
    escape(out_, title ? *title : "Thread by " + who);
    out_ += "</title>\n<style>\n";
    out_ += kStyle;
    out_ += "@page { @top-left { content: " + css_string(head) +
            "; font: 8pt \"Noto Sans\"; color: #777777; vertical-align: middle; } }\n";
    out_ += "</style>\n</head>\n<body>\n";
    header(title, author);
    const json& posts = thread_.at("posts");
    for (size_t i = 0; i < posts.size(); ++i) post(posts[i], i + 1, posts.size());
    out_ += "</body>\n</html>\n";
    return std::move(out_);
  }

 private:
  static std::string author_label(const json& a) {
    const std::string name = a.value("name", ""), handle = a.value("handle", "");
    return name.empty() ? handle : name + " (" + handle + ")";
  }

  // threadpdf's picture size: one pixel a point up to 1.5 times, no wider than `width`, no taller
  // than `max_h`, the aspect kept (src/layout/post_blocks.cc, picture_box).
  void img(const std::string& src, const std::string& alt, double width, double max_h) {
    auto it = sizes_.find(src);
    if (it == sizes_.end() || it->second.width < 1 || it->second.height < 1)
      throw Error(ErrorCode::Internal, src, "no pixel size given for the picture");
    const double rw = it->second.width, rh = it->second.height;
    double w = std::min(width, rw * 1.5), h = w * rh / rw;
    if (h > max_h) h = max_h, w = h * rw / rh;
    out_ += "<img src=\"";
    escape(out_, src);
    out_ += "\" alt=\"";
    escape(out_, alt);
    out_ += "\" style=\"width:" + fmt_num(w) + "pt;height:" + fmt_num(h) + "pt\">";
  }

  void link(const std::string& href, std::string_view words, const char* cls = nullptr) {
    out_ += "<a href=\"";
    escape(out_, href);
    out_ += cls ? std::string("\" class=\"") + cls + "\">" : std::string("\">");
    escape(out_, words);
    out_ += "</a>";
  }

  void header(const std::optional<std::string>& title, const json& author) {
    out_ += "<header>\n";
    if (title) out_ += "<h1>" + escaped(*title) + "</h1>\n";
    out_ += "<div class=\"who\">";
    if (auto avatar = text_of(author, "avatar")) img(*avatar, "", kAvatarSize, kAvatarSize);
    const std::string name = author.value("name", ""), handle = author.value("handle", "");
    out_ += "<div><p class=\"name\">" + escaped(name.empty() ? handle : name) + "</p><p class=\"meta\">";
    if (auto url = text_of(author, "url"))
      link(*url, handle, "plain");
    else
      escape(out_, handle);
    out_ += "</p></div></div>\n";

    const json& source = thread_.at("source");
    if (auto url = text_of(source, "url")) {
      out_ += "<p class=\"meta\">Source: ";
      link(*url, *url);
      out_ += "</p>\n";
    }
    const json& posts = thread_.at("posts");
    std::string line = platform_label(source) + " \u00B7 " + std::to_string(posts.size()) +
                       (posts.size() == 1 ? " post" : " posts");
    std::optional<UnixTime> first, last;
    for (const json& p : posts)
      if (auto created = text_of(p, "created_at"))
        if (auto t = parse_rfc3339(*created)) {
          if (!first || *t < *first) first = t;
          if (!last || *t > *last) last = t;
        }
    if (first) line += " \u00B7 " + format_human(*first);
    if (last && *last != *first) line += " \u2013 " + format_human(*last);
    out_ += "<p class=\"meta\">" + escaped(line) + "</p>\n";
    if (auto captured = text_of(source, "captured_at"))
      out_ += "<p class=\"meta\">Captured " + escaped(human(captured)) + "</p>\n";
    out_ += "</header>\n";
  }

  // The text with its spans as links; span offsets are code points.
  void text(const json& post) {
    const std::string words = post.value("text", "");
    if (words.empty()) return;
    std::vector<const json*> spans;
    if (auto it = post.find("spans"); it != post.end())
      for (const json& s : *it) spans.push_back(&s);
    std::sort(spans.begin(), spans.end(),
              [](const json* a, const json* b) { return a->at("start") < b->at("start"); });
    out_ += "<p class=\"text\">";
    utf8::CodePointCursor offsets(words);
    size_t cursor = 0;
    for (const json* s : spans) {
      size_t a = offsets.byte_offset(s->at("start").get<size_t>()),
             b = offsets.byte_offset(s->at("end").get<size_t>());
      if (a < cursor) continue;
      escape(out_, std::string_view(words).substr(cursor, a - cursor));
      const std::string visible = words.substr(a, b - a);
      link(text_of(*s, "href").value_or(visible), visible);
      cursor = b;
    }
    escape(out_, std::string_view(words).substr(cursor));
    out_ += "</p>\n";
  }

  void media(const json& m, double width, double max_h) {
    const std::string kind = m.value("kind", "image");
    const char* what = kind == "gif" ? "GIF" : kind == "video" ? "Video" : "Image";
    const std::optional<std::string> alt = text_of(m, "alt"), url = text_of(m, "url");
    const bool poster = kind == "video" || kind == "gif";
    out_ += "<figure>";
    if (url) {
      out_ += "<a class=\"picture\" href=\"";
      escape(out_, *url);
      out_ += "\">";
    } else {
      out_ += "<div class=\"picture\">";
    }
    // As threadpdf's figures: the author's description, or that there is none.
    img(m.at("src").get<std::string>(), alt.value_or(std::string(what) + " without a description"), width,
        max_h);
    if (poster) out_ += std::string("<span class=\"badge\">\u25B6 ") + what + "</span>";
    out_ += url ? "</a>" : "</div>";
    if (alt || (poster && url)) {
      out_ += "<figcaption>";
      if (alt) escape(out_, *alt);
      if (poster && url) {
        out_ += alt ? "<br>" : "";
        out_ += std::string(what) + ": ";
        link(*url, *url);
      }
      out_ += "</figcaption>";
    }
    out_ += "</figure>\n";
  }

  void body(const json& post, double width, double max_h) {
    text(post);
    if (auto it = post.find("media"); it != post.end())
      for (const json& m : *it) media(m, width, max_h);
  }

  void card(const json& c, double width) {
    const std::string url = c.at("url").get<std::string>();
    out_ += "<a class=\"card\" href=\"";
    escape(out_, url);
    out_ += "\">";
    if (auto image = text_of(c, "image")) img(*image, "", width - 2 * kCardPad, 0.25 * kContentHeight);
    out_ += "<p class=\"title\">" + escaped(text_of(c, "title").value_or(url)) + "</p>";
    if (auto d = text_of(c, "description")) out_ += "<p class=\"description\">" + escaped(*d) + "</p>";
    out_ += "<p class=\"site\">\U0001F517 " + escaped(domain_of(url)) + "</p></a>\n";
  }

  void gone(const json& post, bool quoted) {
    out_ += "<div class=\"gone\"><b>";
    out_ += quoted ? "Quoted post unavailable" : "This post is unavailable";
    out_ += quoted ? "</b>: it was deleted."
                   : "</b>: it was deleted after the thread was written. Its place in the thread is kept.";
    if (auto url = text_of(post, "url")) {
      out_ += "<br>";
      link(*url, *url);
    }
    out_ += "</div>\n";
  }

  void quote(const json& q) {
    out_ += "<blockquote>\n";
    if (q.value("deleted", false)) {
      gone(q, true);
    } else {
      const json& a = q.contains("author") && q["author"].is_object() ? q["author"] : thread_.at("author");
      const std::string name = a.value("name", ""), handle = a.value("handle", "");
      out_ += "<p class=\"author\"><b>" + escaped(name.empty() ? handle : name) + "</b>";
      if (!name.empty()) {
        out_ += "  ";
        if (auto url = text_of(a, "url"))
          link(*url, handle);
        else
          escape(out_, handle);
      }
      if (auto date = text_of(q, "created_at")) {
        out_ += "  \u00B7  ";
        if (auto url = text_of(q, "url"))
          link(*url, human(date));
        else
          escape(out_, human(date));
      }
      out_ += "</p>\n";
      body(q, kColumn - 2 * kQuotePad, kImageMaxHeight * 0.6);
      if (q.contains("card") && q["card"].is_object()) card(q["card"], kColumn - 2 * kQuotePad);
    }
    out_ += "</blockquote>\n";
  }

  void post(const json& p, size_t n, size_t count) {
    out_ += "<article id=\"post-" + std::to_string(n) + "\">\n<h2><b>" + std::to_string(n) + "/" +
            std::to_string(count) + "</b>";
    if (auto date = text_of(p, "created_at")) {
      out_ += "  \u00B7  ";
      if (auto url = text_of(p, "url"))
        link(*url, human(date));
      else
        escape(out_, human(date));
    }
    out_ += "</h2>\n";
    if (p.value("deleted", false)) {
      gone(p, false);
    } else {
      body(p, kColumn, kImageMaxHeight);
      if (p.contains("quote") && p["quote"].is_object()) quote(p["quote"]);
      if (p.contains("card") && p["card"].is_object()) card(p["card"], kColumn);
    }
    out_ += "</article>\n";
  }

  const json& thread_;
  const PixelSizes& sizes_;
  std::string out_;
};

}  // namespace

std::string thread_html(const json& thread, const PixelSizes& sizes) { return Writer(thread, sizes).page(); }

}  // namespace tp::bench
