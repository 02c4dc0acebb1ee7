#include "support/fake_mastodon.h"

#include <cstdio>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <thread>

namespace tp::test {

using nlohmann::json;

namespace {

constexpr long long kFirstId = 115000000000000000LL;
constexpr std::size_t kPostsPerThread = 100;  // ids reserved per thread

std::string html_escape(const std::string& s) {
  std::string out;
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
  return out;
}

}  // namespace

FakeMastodon::FakeMastodon(HttpServer& server, std::chrono::milliseconds latency)
    : server_(server), state_(std::make_shared<State>()) {
  state_->latency = latency;
}

std::string FakeMastodon::id(std::size_t thread, std::size_t post) const {
  return std::to_string(kFirstId + static_cast<long long>(thread * kPostsPerThread + post + 1));
}

std::string FakeMastodon::url(std::size_t thread, std::size_t post, bool users_form) const {
  const std::string& u = state_->threads[thread].user;
  return server_.url(users_form ? "/users/" + u + "/statuses/" + id(thread, post)
                                : "/@" + u + "/" + id(thread, post));
}

std::string FakeMastodon::status_json(std::size_t thread, std::size_t post) const {
  return state_->threads[thread].statuses[post];
}

std::size_t FakeMastodon::add_thread(const std::string& user, std::vector<FakePost> posts) {
  if (posts.empty() || posts.size() > 40)
    throw std::invalid_argument("FakeMastodon: 1 to 40 posts per thread");
  const std::size_t t = state_->threads.size();
  Thread th;
  th.user = user;
  th.posts = std::move(posts);
  const std::string account_id = std::to_string(109100000000000000LL + static_cast<long long>(t));
  const json account{{"id", account_id},
                     {"username", user},
                     {"acct", user},
                     {"display_name", "User " + user},
                     {"url", server_.url("/@" + user)},
                     {"avatar", ""},
                     {"bot", false},
                     {"emojis", json::array()}};
  const auto counter = th.requests;
  const auto state = state_;
  // Every answer of this fake: counted, and held for the latency inside the handler.
  auto answer = [state, counter](std::string type, std::string body) {
    return [state, counter, type = std::move(type), body = std::move(body)](const HttpRequest&) {
      ++*counter;
      const int now = ++state->in_flight;
      for (int m = state->max_in_flight; now > m && !state->max_in_flight.compare_exchange_weak(m, now);) {
      }
      std::this_thread::sleep_for(state->latency);
      --state->in_flight;
      return HttpReply{200, {{"Content-Type", type}}, body};
    };
  };

  std::vector<json> statuses;
  for (std::size_t n = 0; n < th.posts.size(); ++n) {
    const std::string sid = std::to_string(kFirstId + static_cast<long long>(t * kPostsPerThread + n + 1));
    const std::string parent = n == 0 ? "" : statuses.back()["id"].get<std::string>();
    char created[32];
    std::snprintf(created, sizeof created, "2024-09-%02zuT%02zu:%02zu:00.000Z", 1 + t % 28, 8 + t / 28 % 12,
                  n % 60);
    json media = json::array();
    for (std::size_t k = 0; k < th.posts[n].pictures.size(); ++k) {
      const FakePicture& pic = th.posts[n].pictures[k];
      const std::string path =
          "/media/" + sid + "-" + std::to_string(k) + (pic.content_type == "image/jpeg" ? ".jpg" : ".png");
      server_.route(path, answer(pic.content_type, pic.bytes));
      media.push_back({{"id", sid + std::to_string(k)},
                       {"type", "image"},
                       {"url", server_.url(path)},
                       {"preview_url", server_.url(path)},
                       {"remote_url", nullptr},
                       {"meta", {{"original", {{"width", pic.width}, {"height", pic.height}}}}},
                       {"description", pic.alt.empty() ? json(nullptr) : json(pic.alt)},
                       {"blurhash", nullptr}});
    }
    statuses.push_back(json{{"id", sid},
                            {"created_at", created},
                            {"in_reply_to_id", parent.empty() ? json(nullptr) : json(parent)},
                            {"in_reply_to_account_id", parent.empty() ? json(nullptr) : json(account_id)},
                            {"sensitive", false},
                            {"spoiler_text", ""},
                            {"visibility", "public"},
                            {"language", "en"},
                            {"uri", server_.url("/users/" + user + "/statuses/" + sid)},
                            {"url", server_.url("/@" + user + "/" + sid)},
                            {"replies_count", n + 1 < th.posts.size() ? 1 : 0},
                            {"reblogs_count", 0},
                            {"favourites_count", 0},
                            {"edited_at", nullptr},
                            {"content", "<p>" + html_escape(th.posts[n].text) + "</p>"},
                            {"reblog", nullptr},
                            {"account", account},
                            {"media_attachments", media},
                            {"mentions", json::array()},
                            {"tags", json::array()},
                            {"emojis", json::array()},
                            {"card", nullptr},
                            {"poll", nullptr}});
  }
  for (std::size_t n = 0; n < statuses.size(); ++n) {
    // A chain: everything above is an ancestor (root first), everything below a descendant.
    json ctx{{"ancestors", json::array()}, {"descendants", json::array()}};
    for (std::size_t a = 0; a < n; ++a) ctx["ancestors"].push_back(statuses[a]);
    for (std::size_t d = n + 1; d < statuses.size(); ++d) ctx["descendants"].push_back(statuses[d]);
    const std::string sid = statuses[n]["id"].get<std::string>();
    th.statuses.push_back(statuses[n].dump());
    server_.route("/api/v1/statuses/" + sid, answer("application/json", th.statuses.back()));
    server_.route("/api/v1/statuses/" + sid + "/context", answer("application/json", ctx.dump()));
  }
  state_->threads.push_back(std::move(th));
  return t;
}

}  // namespace tp::test
