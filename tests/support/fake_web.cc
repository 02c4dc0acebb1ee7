#include "support/fake_web.h"

#include <cstdio>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

#include "core/raster.h"
#include "media/write.h"

namespace tp::test {

using nlohmann::json;

std::string read_data_file(const std::string& relative) {
  std::ifstream in(std::string(TP_TEST_DATA) + "/" + relative, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

namespace {

Raster gradient(int w, int h) {
  Raster r;
  r.encoding = Raster::Encoding::Rgb8;
  r.width = w;
  r.height = h;
  r.data.resize(static_cast<size_t>(w) * h * 3);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      size_t o = (static_cast<size_t>(y) * w + x) * 3;
      r.data[o] = static_cast<char>(x * 255 / w);
      r.data[o + 1] = static_cast<char>(y * 255 / h);
      r.data[o + 2] = static_cast<char>(128);
    }
  return r;
}

// The value of `key` in a query string ("a=1&b=2"), percent-decoded.
std::string query_param(const std::string& target, const std::string& key) {
  size_t q = target.find('?');
  if (q == std::string::npos) return {};
  std::string query = target.substr(q + 1);
  size_t pos = 0;
  while (pos <= query.size()) {
    size_t amp = query.find('&', pos);
    std::string pair = query.substr(pos, amp == std::string::npos ? std::string::npos : amp - pos);
    if (pair.rfind(key + "=", 0) == 0) {
      std::string raw = pair.substr(key.size() + 1), out;
      for (size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '%' && i + 2 < raw.size()) {
          out += static_cast<char>(std::stoi(raw.substr(i + 1, 2), nullptr, 16));
          i += 2;
        } else {
          out += raw[i];
        }
      }
      return out;
    }
    if (amp == std::string::npos) break;
    pos = amp + 1;
  }
  return {};
}

HttpReply json_reply(int status, std::string body) {
  return HttpReply{status, {{"Content-Type", "application/json"}}, std::move(body)};
}

}  // namespace

const std::string& FakeWeb::jpeg_wide() {
  static const std::string bytes = media::write_jpeg(gradient(2400, 1200), 80);
  return bytes;
}

const std::string& FakeWeb::png_small() {
  static const std::string bytes = media::write_png(gradient(64, 48));
  return bytes;
}

FakeWeb::FakeWeb() : server_(std::make_unique<HttpServer>()) {}

std::string FakeWeb::localise(const std::string& text) {
  const std::string local = base() + "/ext/";
  std::string out;
  size_t pos = 0;
  // t.co links stay: they are never fetched, and X's entity offsets count their characters.
  for (size_t at; (at = text.find("https://", pos)) != std::string::npos; pos = at + 8)
    out += text.substr(pos, at - pos) + (text.compare(at, 13, "https://t.co/") == 0 ? "https://" : local);
  out += text.substr(pos);
  // Every URL now on this server: give each its picture (URLs of pages get one too; nothing reads
  // them as pages). The X reader asks for `_400x400` where the record says `_normal`.
  for (size_t at = 0; (at = out.find(local, at)) != std::string::npos; at += local.size()) {
    size_t end = out.find_first_of("\"\\ <>'?#", at);
    std::string path = out.substr(at + base().size(), end - at - base().size());
    std::vector<std::string> paths{path};
    if (size_t n = path.rfind("_normal."); n != std::string::npos)
      paths.push_back(path.substr(0, n) + "_400x400." + path.substr(n + 8));
    for (const auto& p : paths) {
      if (routed_[p]) continue;
      routed_[p] = true;
      bool wide = p.find("wide") != std::string::npos || p.find("GAbCdEf1") != std::string::npos ||
                  p.find("bafkimg1") != std::string::npos || p.find("field") != std::string::npos;
      server_->route(p, HttpReply{200,
                                  {{"Content-Type", wide ? "image/jpeg" : "image/png"}},
                                  wide ? jpeg_wide() : png_small()});
    }
  }
  return out;
}

void FakeWeb::serve_bluesky() {
  std::string root = localise(read_data_file("platforms/bluesky_root.json"));
  std::string middle = localise(read_data_file("platforms/bluesky_middle.json"));
  std::string after_gap = localise(read_data_file("platforms/bluesky_after_gap.json"));
  std::string feed1 = localise(read_data_file("platforms/bluesky_author_feed_1.json"));
  std::string feed2 = localise(read_data_file("platforms/bluesky_author_feed_2.json"));
  const std::string zofia = "did:plc:zofia4example7sunflower2a";
  server_->route("/xrpc/com.atproto.identity.resolveHandle", [zofia](const HttpRequest& r) {
    if (query_param(r.target, "handle") == "zofia.example.com")
      return json_reply(200, R"({"did":")" + zofia + "\"}");
    return json_reply(400, R"({"error":"InvalidRequest","message":"Unable to resolve handle"})");
  });
  server_->route("/xrpc/app.bsky.feed.getPostThread", [root, middle, after_gap, zofia](const HttpRequest& r) {
    std::string uri = query_param(r.target, "uri");
    const std::string prefix = "at://" + zofia + "/app.bsky.feed.post/";
    if (uri == prefix + "3kroot2222222") return json_reply(200, root);
    if (uri == prefix + "3kp2a22222222") return json_reply(200, middle);
    if (uri == prefix + "3kp4a22222222") return json_reply(200, after_gap);
    return json_reply(400, R"({"error":"NotFound","message":"Post not found: )" + uri + "\"}");
  });
  // Two pages of Zofia's posts, newest first; the second page's cursor leads nowhere.
  server_->route("/xrpc/app.bsky.feed.getAuthorFeed", [feed1, feed2, zofia](const HttpRequest& r) {
    if (query_param(r.target, "actor") != zofia || query_param(r.target, "filter") != "posts_with_replies")
      return json_reply(400, R"({"error":"InvalidRequest","message":"unexpected parameters"})");
    std::string cursor = query_param(r.target, "cursor");
    if (cursor.empty()) return json_reply(200, feed1);
    if (cursor == json::parse(feed1)["cursor"]) return json_reply(200, feed2);
    return json_reply(400, R"({"error":"InvalidRequest","message":"malformed cursor"})");
  });
}

void FakeWeb::serve_mastodon() {
  json status = json::parse(localise(read_data_file("platforms/mastodon_status.json")));
  json context = json::parse(localise(read_data_file("platforms/mastodon_context.json")));
  auto all = std::make_shared<std::map<std::string, json>>();
  (*all)[status["id"].get<std::string>()] = status;
  for (const char* part : {"ancestors", "descendants"})
    for (const auto& s : context[part]) (*all)[s["id"].get<std::string>()] = s;
  // What a Mastodon server answers for any of them: ancestors root first, descendants depth first
  // with children by ascending id (ids here have the same length, so string order is numeric).
  for (const auto& [id, s] : *all) {
    server_->route("/api/v1/statuses/" + id, json_reply(200, s.dump()));
    json ctx{{"ancestors", json::array()}, {"descendants", json::array()}};
    for (json cur = s;
         cur["in_reply_to_id"].is_string() && all->count(cur["in_reply_to_id"].get<std::string>());) {
      cur = all->at(cur["in_reply_to_id"].get<std::string>());
      ctx["ancestors"].insert(ctx["ancestors"].begin(), cur);
    }
    std::function<void(const std::string&)> below = [&](const std::string& parent) {
      for (const auto& [cid, c] : *all)
        if (c["in_reply_to_id"].is_string() && c["in_reply_to_id"].get<std::string>() == parent) {
          ctx["descendants"].push_back(c);
          below(cid);
        }
    };
    below(id);
    server_->route("/api/v1/statuses/" + id + "/context", json_reply(200, ctx.dump()));
  }
}

std::string FakeWeb::mastodon_chain_id(int n) { return std::to_string(113000000000000100LL + n); }

void FakeWeb::serve_mastodon_chain(int length, int max_depth) {
  auto account = [&](const std::string& id, const std::string& user) {
    return json{{"id", id},
                {"username", user},
                {"acct", user},
                {"display_name", user},
                {"url", base() + "/@" + user},
                {"avatar", ""},
                {"bot", false},
                {"emojis", json::array()}};
  };
  auto status = [&](const std::string& id, const json& who, const std::string& parent,
                    const std::string& parent_account, const std::string& text, int minute) {
    char created[32];
    std::snprintf(created, sizeof created, "2024-08-01T%02d:%02d:00.000Z", 8 + minute / 60, minute % 60);
    return json{{"id", id},
                {"created_at", created},
                {"in_reply_to_id", parent.empty() ? json(nullptr) : json(parent)},
                {"in_reply_to_account_id", parent_account.empty() ? json(nullptr) : json(parent_account)},
                {"sensitive", false},
                {"spoiler_text", ""},
                {"visibility", "public"},
                {"language", "de"},
                {"uri", base() + "/users/" + who["username"].get<std::string>() + "/statuses/" + id},
                {"url", base() + "/@" + who["username"].get<std::string>() + "/" + id},
                {"replies_count", 0},
                {"reblogs_count", 0},
                {"favourites_count", 0},
                {"edited_at", nullptr},
                {"content", "<p>" + text + "</p>"},
                {"reblog", nullptr},
                {"account", who},
                {"media_attachments", json::array()},
                {"mentions", json::array()},
                {"tags", json::array()},
                {"emojis", json::array()},
                {"card", nullptr},
                {"poll", nullptr}};
  };
  const std::string ana_id = "109000000000000001", bea_id = "109000000000000002";
  json ana = account(ana_id, "ana"), bea = account(bea_id, "bea");
  auto all = std::make_shared<std::map<std::string, json>>();
  for (int n = 1; n <= length; ++n)
    (*all)[mastodon_chain_id(n)] = status(mastodon_chain_id(n), ana, n == 1 ? "" : mastodon_chain_id(n - 1),
                                          n == 1 ? "" : ana_id, "Teil " + std::to_string(n), n);
  if (length >= 5)
    (*all)["113000000000000900"] =
        status("113000000000000900", bea, mastodon_chain_id(5), ana_id, "Toll, Bea hier", 200);
  for (auto& [id, s] : *all)
    if (s["in_reply_to_id"].is_string()) {
      json& parent = (*all)[s["in_reply_to_id"].get<std::string>()];
      parent["replies_count"] = parent["replies_count"].get<int>() + 1;
    }
  for (const auto& [id, s] : *all) {
    server_->route("/api/v1/statuses/" + id, json_reply(200, s.dump()));
    json ctx{{"ancestors", json::array()}, {"descendants", json::array()}};
    for (json cur = s; cur["in_reply_to_id"].is_string() && ctx["ancestors"].size() < 40;) {
      cur = all->at(cur["in_reply_to_id"].get<std::string>());
      ctx["ancestors"].insert(ctx["ancestors"].begin(), cur);
    }
    // Depth first, children by ascending id (the ids have one length), cut by depth and count.
    std::function<void(const std::string&, int)> below = [&](const std::string& parent, int depth) {
      if (depth > max_depth) return;
      for (const auto& [cid, c] : *all)
        if (c["in_reply_to_id"].is_string() && c["in_reply_to_id"].get<std::string>() == parent &&
            ctx["descendants"].size() < 60) {
          ctx["descendants"].push_back(c);
          below(cid, depth + 1);
        }
    };
    below(id, 1);
    server_->route("/api/v1/statuses/" + id + "/context", json_reply(200, ctx.dump()));
  }
}

void FakeWeb::serve_x() {
  auto docs = std::make_shared<std::map<std::string, std::string>>();
  for (int i = 1; i <= 4; ++i) {
    std::string doc = localise(read_data_file("platforms/x_post_" + std::to_string(i) + ".json"));
    (*docs)[json::parse(doc)["id_str"].get<std::string>()] = doc;
  }
  server_->route("/tweet-result", [docs](const HttpRequest& r) {
    auto it = docs->find(query_param(r.target, "id"));
    if (it == docs->end() || query_param(r.target, "token").empty())
      return HttpReply{404, {{"Content-Type", "text/html"}}, "<html><body>Not found</body></html>"};
    return json_reply(200, it->second);
  });
}

void FakeWeb::serve_threadreader() {
  std::string page = localise(read_data_file("sources/threadreader_page.html"));
  const std::string root = "1874097816571961000";
  for (const char* id : {"1874097816571961000", "1874097816571961100", "1874097816571961200",
                         "1874097816571961839", "1874097816571962000"})
    server_->route(std::string("/api/v0/ping/") + id + ".json",
                   json_reply(200, R"({"code":200,"pong":")" + root + "\"}"));
  server_->route("/thread/" + root + ".html",
                 HttpReply{200, {{"Content-Type", "text/html; charset=utf-8"}}, page});
}

}  // namespace tp::test
