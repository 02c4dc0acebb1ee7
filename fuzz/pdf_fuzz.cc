// Thread JSON through layout to a PDF: anything the JSON reader accepts lays out and renders, or
// fails with tp::Error, never a crash; and the PDF threadpdf writes, laid out a page at a time
// through the spool (app/spooled_pdf.h), is byte for byte the whole document's. Fonts and the
// style load once; media are not loaded (every picture is a placeholder, as for a thread whose
// pictures are missing).
#include <cstddef>
#include <cstdint>
#include <memory>

#include "app/spooled_pdf.h"
#include "fuzz_check.h"
#include "layout/layout.h"
#include "layout/style.h"
#include "media/media.h"
#include "render/pdf/pdf.h"
#include "text/font_set.h"

namespace {

struct Setup {
  tp::Diagnostics diag;
  std::unique_ptr<tp::text::FontSet> fonts = tp::text::FontSet::load(TP_SOURCE_DIR "/fonts/chain.json", diag);
  tp::layout::Style style = tp::layout::load_style("a4", TP_SOURCE_DIR "/layouts");
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Setup setup;
  // Layout time grows with the text; long inputs only slow the fuzzer down without reaching new code.
  if (size > 16384) return 0;
  std::string bytes(reinterpret_cast<const char*>(data), size);
  tp::Diagnostics diag;
  tp::model::Thread thread;
  try {
    thread = tp::parse::read_thread_json(bytes, "fuzz.json");
  } catch (const tp::Error&) {
    return 0;
  }
  tp::layout::Options options;
  options.input = "fuzz.json";
  options.creation_date = 1795512600;
  try {
    tp::layout::Document doc =
        tp::layout::layout_thread(thread, tp::media::MediaSet{}, *setup.fonts, setup.style, diag, options);
    const std::string pdf = tp::render::write_pdf(doc);
    if (pdf.compare(0, 5, "%PDF-") != 0) tp::fuzz::violated("write_pdf did not write a PDF");
    tp::Diagnostics again;
    tp::app::SpooledPdf spooled("fuzz.json", "/tmp", [&](const tp::app::PageDone& page_done) {
      tp::layout::Options by_page = options;
      by_page.page_done = page_done;
      return tp::layout::layout_thread(thread, tp::media::MediaSet{}, *setup.fonts, setup.style, again,
                                       by_page);
    });
    if (spooled.write() != pdf)
      tp::fuzz::violated("the PDF made a page at a time differs from the whole document's");
  } catch (const tp::Error& e) {
    // Layout and the backend throw only for what they document as impossible from a valid thread.
    tp::fuzz::violated(std::string("a valid thread fails to render: ") + e.what());
  }
  return 0;
}
