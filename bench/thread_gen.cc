#include "thread_gen.h"

#include <optional>
#include <string_view>

#include "core/format.h"
#include "core/utf8.h"
#include "prng.h"

namespace tp::bench {

namespace {

using json = nlohmann::ordered_json;

const std::vector<std::string> kEnglish = {
    "We finally opened the old print shop on Tanner Street this morning.",
    "The drawers still smell of linseed oil and dust.",
    "Every case of type was labelled by hand, some in pencil, some in ink that has faded to brown.",
    "Half of the ampersands are missing, which says something about the jobs they printed.",
    "I spent two hours sorting spacers by width and I regret nothing.",
    "The press itself is a 1962 Heidelberg platen, and it turns over with a sound like a slow heartbeat.",
    "Rollers are cracked, so nothing gets inked until new ones arrive.",
    "A neighbour brought photographs of the shop from the seventies; the same calendar is still on the wall.",
    "Paper matters more than people think: cotton rag drinks the ink, coated stock lets it sit on top.",
    "Today's lesson: never store lead type near an open window in winter.",
    "Found a box of wood type, 12-line Gothic, almost complete.",
    "The chase was locked up with a job nobody ever printed, a wedding invitation from 1984.",
    "We are keeping a list of every unusual sort we find, and the list is getting long.",
    "If you have worked on one of these machines, I would love to hear from you.",
    "Proofing by hand is slow, but it shows you exactly where the pressure is uneven.",
    "The first clean impression came out just after four in the afternoon.",
    "Registration was off by half a point, which on a business card is the width of a hair and also a "
    "disaster.",
    "Someone asked why not just use a laser printer. Fair question; different answer every day.",
    "Ink on the fingers, ink on the sleeves, somehow ink on the ceiling.",
    "There is a ledger of every job from 1958 to 1991, with prices in three currencies.",
    "Tomorrow we try the large poster press, if the motor agrees.",
    "Small victory: the numbering machine counts again.",
    "We cleaned the composing stick with kerosene and it is shining like new.",
    "The guillotine needs a new blade, and a new operator who respects it.",
    "A short note on leading: the strips between lines were literally made of lead.",
    "Thanks to everyone who sent advice; I read all of it, even the contradictory parts.",
    "This thread is getting long, so here is a summary of the week so far.",
    "Why are there so many italic question marks and no roman ones?",
    "It rained through a gap in the skylight and one drawer of 10 point Garamond is now a small pond.",
    "Drying the type on towels, letter by letter, feels like a meditation.",
    "We printed a test sheet with every size of the house serif, from 6 to 72 point.",
    "Small presses like this printed most of a town's paperwork for half a century.",
};

const std::vector<std::string> kUkrainian = {
    "Сьогодні ми нарешті відчинили стару друкарню.",
    "У шухлядах досі пахне лляною олією та пилом.",
    "Кожна каса шрифту підписана від руки, деякі написи вже ледве видно.",
    "Папір має значення: бавовняний поглинає фарбу, крейдований тримає її на поверхні.",
    "Перший чистий відбиток вийшов близько четвертої години дня.",
    "Дякую всім, хто надіслав поради, я прочитав кожну.",
    "Завтра спробуємо великий плакатний прес, якщо мотор погодиться.",
    "Знайшли коробку дерев'яного шрифту, майже повну.",
};

const std::vector<std::string> kGreek = {
    "Σήμερα ανοίξαμε επιτέλους το παλιό τυπογραφείο.",
    "Τα συρτάρια μυρίζουν ακόμα λινέλαιο και σκόνη.",
    "Κάθε θήκη στοιχείων έχει ετικέτα γραμμένη με το χέρι.",
    "Το χαρτί μετράει περισσότερο απ' όσο νομίζουμε.",
    "Η πρώτη καθαρή εκτύπωση βγήκε λίγο μετά τις τέσσερις.",
    "Ευχαριστώ όλους για τις συμβουλές, τις διάβασα όλες.",
    "Αύριο δοκιμάζουμε τη μεγάλη πρέσα αφισών.",
};

const std::vector<std::string> kEmoji = {"🧵", "🖨️", "📜",  "✨",  "😅",        "🙏",     "👀",
                                         "🎉",    "☕",       "🇺🇦", "🇬🇷", "👍🏽", "❤️"};

struct Mention {
  std::string text, href;
};
const std::vector<Mention> kMentions = {
    {"@anna.example.org", "https://example.org/@anna"},
    {"@petros@social.example", "https://social.example/@petros"},
    {"@oksana.bsky.social", "https://bsky.app/profile/oksana.bsky.social"},
    {"@typecase", "https://example.org/@typecase"},
};

const std::vector<std::string> kTags = {"letterpress", "typography",  "printing",    "папір",
                                        "χαρτί",       "bookbinding", "100DaysOfInk"};

const std::vector<std::string> kLinks = {
    "https://en.wikipedia.org/wiki/Letterpress_printing",
    "example.org/press/notes",
    "https://example.org/archive/2026/03/"
    "a-very-long-path-that-keeps-going-so-lines-must-break?ref=bench&utm_source=thread",
    "https://example.org/ledger#1958",
};

std::string percent_encode(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (c < 0x80 && c != ' ' && c != '%') {
      out.push_back(static_cast<char>(c));
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

// Text with its spans; offsets are counted in code points as the format requires.
class TextBuilder {
 public:
  void add(std::string_view s) {
    text_ += s;
    length_ += utf8::length(s);
  }
  void span(std::string_view s, const char* kind, std::optional<std::string> href) {
    json span{{"start", length_}, {"end", length_ + utf8::length(s)}, {"kind", kind}};
    if (href) span["href"] = *href;
    spans_.push_back(std::move(span));
    add(s);
  }
  bool empty() const { return text_.empty(); }
  const std::string& text() const { return text_; }
  const json& spans() const { return spans_; }

 private:
  std::string text_;
  size_t length_ = 0;
  json spans_ = json::array();
};

void sentences(Prng& rng, TextBuilder& t, int count) {
  for (int i = 0; i < count; ++i) {
    if (i > 0) t.add(rng.chance(0.15) ? "\n\n" : rng.chance(0.06) ? "\n" : " ");
    double lang = rng.unit();
    t.add(lang < 0.78 ? rng.pick(kEnglish) : lang < 0.9 ? rng.pick(kUkrainian) : rng.pick(kGreek));
    if (rng.chance(0.2)) t.add(" " + rng.pick(kEmoji));
  }
}

void decorations(Prng& rng, TextBuilder& t) {
  if (rng.chance(0.15)) {
    const Mention& m = rng.pick(kMentions);
    t.add(t.empty() ? "" : " ");
    t.add("cc ");
    t.span(m.text, "mention", m.href);
  }
  if (rng.chance(0.15)) {
    std::string link = rng.pick(kLinks);
    t.add(t.empty() ? "More: " : "\n\nMore: ");
    // A link whose text is a bare domain path leads to its https address; a full URL to itself.
    if (link.starts_with("https://"))
      t.span(link, "link", std::nullopt);
    else
      t.span(link, "link", "https://" + link);
  }
  if (rng.chance(0.25)) {
    int tags = rng.range(1, 3);
    for (int k = 0; k < tags; ++k) {
      std::string tag = rng.pick(kTags);
      t.add(t.empty() ? "" : " ");
      t.span("#" + tag, "hashtag", "https://example.org/tags/" + percent_encode(tag));
    }
  }
}

json author_json(const std::string& name, const std::string& handle, const std::string& avatar,
                 const std::string& url) {
  return {{"name", name}, {"handle", handle}, {"avatar", avatar}, {"url", url}};
}

}  // namespace

json make_thread_json(const ThreadOptions& o) {
  Prng rng(o.seed ^ 0x7468726561647064ull);  // "threadpd"
  const int n = o.posts;
  const std::string base_url = "https://example.org/bench/thread";

  std::vector<bool> deleted(n, false);
  int deletions = n >= 10 ? 2 : n >= 3 ? 1 : 0;
  for (int k = 0; k < deletions;) {
    int i = rng.range(1, n - 1);
    if (!deleted[i]) deleted[i] = true, ++k;
  }
  // Each picture once, on a post that is there and has room (4 at most, as the platforms allow).
  std::vector<std::vector<size_t>> media_of(n);
  for (size_t k = 0; k < o.images.size(); ++k) {
    for (;;) {
      int i = rng.range(0, n - 1);
      if (deleted[i] || media_of[i].size() >= 4) continue;
      media_of[i].push_back(k);
      break;
    }
  }

  json posts = json::array();
  UnixTime t = *parse_rfc3339("2026-03-02T08:00:00Z");
  for (int i = 0; i < n; ++i) {
    t += rng.range(40, 900);
    std::string id = std::to_string(i + 1);
    json post{{"id", id}, {"url", base_url + "/" + id}, {"created_at", format_rfc3339(t)}};
    if (deleted[i]) {
      post["text"] = "";
      post["deleted"] = true;
      posts.push_back(std::move(post));
      continue;
    }
    TextBuilder text;
    if (i == 0) {
      text.add(
          "We are restoring an old letterpress workshop, and I will write down everything we find. A "
          "thread ");
      text.add("🧵");
      text.add(" ");
      text.span("#letterpress", "hashtag", "https://example.org/tags/letterpress");
    } else if (!media_of[i].empty() && rng.chance(0.05)) {
      // A post that is only pictures.
    } else {
      if (rng.chance(0.2)) text.add(std::to_string(i + 1) + "/" + std::to_string(n) + " ");
      sentences(rng, text, rng.chance(0.05) ? rng.range(6, 10) : rng.range(1, 3));
      decorations(rng, text);
    }
    post["text"] = text.text();
    if (!text.spans().empty()) post["spans"] = text.spans();

    if (!media_of[i].empty()) {
      json media = json::array();
      for (size_t k : media_of[i]) {
        const ImageRef& img = o.images[k];
        double kind = rng.unit();
        json m{{"kind", kind < 0.04 ? "video" : kind < 0.07 ? "gif" : "image"}, {"src", img.src}};
        m["alt"] = rng.chance(0.9) ? json(img.alt) : json(nullptr);
        m["width"] = img.width;
        m["height"] = img.height;
        if (kind < 0.07) m["url"] = "https://example.org/bench/video/" + std::to_string(k + 1) + ".mp4";
        media.push_back(std::move(m));
      }
      post["media"] = std::move(media);
    }

    if (i > 0 && rng.chance(0.04)) {
      bool first = rng.chance(0.5);
      TextBuilder qtext;
      sentences(rng, qtext, rng.range(1, 2));
      decorations(rng, qtext);
      json quote{{"id", "q" + id},
                 {"url", "https://example.org/bench/quoted/" + id},
                 {"created_at", format_rfc3339(t - rng.range(3600, 86400 * 30))},
                 {"author", first ? author_json("Kateryna Bondar", "@kateryna.example.org", o.avatars[1],
                                                "https://example.org/@kateryna")
                                  : author_json("Theo Papadakis", "@theo@social.example", o.avatars[2],
                                                "https://social.example/@theo")},
                 {"text", qtext.text()}};
      if (!qtext.spans().empty()) quote["spans"] = qtext.spans();
      if (!o.images.empty() && rng.chance(0.3)) {
        const ImageRef& img = o.images[rng.next() % o.images.size()];
        quote["media"] = json::array({{{"kind", "image"},
                                       {"src", img.src},
                                       {"alt", img.alt},
                                       {"width", img.width},
                                       {"height", img.height}}});
      }
      post["quote"] = std::move(quote);
    }

    if (i > 0 && rng.chance(0.04)) {
      std::string slug = "notes-" + std::to_string(rng.range(1, 99));
      json card{{"url", "https://example.org/press/" + slug},
                {"title", rng.chance(0.8) ? json("Press notes: " + slug) : json(nullptr)},
                {"description", rng.chance(0.7) ? json(rng.pick(kEnglish)) : json(nullptr)}};
      card["image"] = !o.images.empty() && rng.chance(0.6) ? json(o.images[rng.next() % o.images.size()].src)
                                                           : json(nullptr);
      post["card"] = std::move(card);
    }
    posts.push_back(std::move(post));
  }

  json doc;
  doc["format"] = "threadpdf-thread/1";
  doc["source"] = {{"platform", "json"}, {"url", base_url}, {"captured_at", format_rfc3339(t + 3600)}};
  doc["title"] = "Restoring a letterpress workshop (benchmark thread, seed " + std::to_string(o.seed) + ")";
  doc["author"] =
      author_json("Mira Kovalenko", "@mira.example.org", o.avatars[0], "https://example.org/@mira");
  doc["posts"] = std::move(posts);
  return doc;
}

}  // namespace tp::bench
