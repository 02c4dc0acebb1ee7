#include "layout/style.h"

#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>

#include "core/error.h"

using namespace tp;

namespace {
std::string write_temp(const std::string& name, const std::string& body) {
  auto p = std::filesystem::temp_directory_path() / name;
  FILE* f = std::fopen(p.c_str(), "w");
  std::fputs(body.c_str(), f);
  std::fclose(f);
  return p.string();
}
}  // namespace

TEST_CASE("the shipped layouts load with their page sizes") {
  auto a4 = layout::load_style("a4", TP_SOURCE_DIR "/layouts");
  CHECK(a4.page.width == doctest::Approx(595.28).epsilon(0.001));
  CHECK(a4.page.height == doctest::Approx(841.89).epsilon(0.001));
  auto letter = layout::load_style("letter", TP_SOURCE_DIR "/layouts");
  CHECK(letter.page.width == 612);
  CHECK(letter.page.height == 792);
  CHECK(letter.text.size == a4.text.size);  // extends a4
}

TEST_CASE("bad layouts are usage errors that name the file and key") {
  CHECK_THROWS_WITH_AS(layout::load_style("nope", TP_SOURCE_DIR "/layouts"),
                       doctest::Contains("no layout named \"nope\" (known: a4"), Error);
  std::string f = write_temp("tp_bad_layout.json", R"({"text": {"size": "big"}})");
  CHECK_THROWS_WITH_AS(layout::load_style(f, TP_SOURCE_DIR "/layouts"),
                       doctest::Contains("tp_bad_layout.json: text.size: expected a number, got \"big\""),
                       Error);
  f = write_temp("tp_bad_layout2.json", R"({"link_color": "blue"})");
  CHECK_THROWS_WITH_AS(layout::load_style(f, TP_SOURCE_DIR "/layouts"),
                       doctest::Contains("link_color: expected a colour \"#rrggbb\""), Error);
  CHECK_THROWS_AS(layout::page_size("b5"), Error);
}

TEST_CASE("a layout file that extends nothing starts from a4.json's values, which give every key") {
  const std::string file = write_temp("tp_style_alone.json", R"({"margins": {"left": 40}, "counts": true})");
  const layout::Style a4 = layout::load_style("a4", TP_SOURCE_DIR "/layouts");
  const layout::Style own = layout::load_style(file, TP_SOURCE_DIR "/layouts");
  std::filesystem::remove(file);
  CHECK(own.margin_left == 40);
  CHECK(own.counts);
  CHECK(own.margin_right == a4.margin_right);
  CHECK(own.page.width == a4.page.width);
  CHECK(own.text.color == a4.text.color);
  // Values only a4.json gives (layouts/a4.json: "text" 10.5 on 1.45, "language" "en",
  // "image_alone_max_height" 0.5, "link_notes" true).
  CHECK(a4.text.size == 10.5);
  CHECK(a4.leading == 1.45);
  CHECK(own.language == "en");
  CHECK(own.image_alone_max_height == 0.5);
  CHECK(own.link_notes);
}
