#include "app/spooled_pdf.h"

#include "app/output_file.h"
#include "core/error.h"

namespace tp::app {

namespace {

class StagedSink : public render::PdfSink {
 public:
  explicit StagedSink(StagedFile& file) : file_(file) {}
  void write(std::string_view bytes) override { file_.write(bytes); }

 private:
  StagedFile& file_;
};

}  // namespace

SpooledPdf::SpooledPdf(const std::string& input, const std::string& temp_dir,
                       const std::function<layout::Document(const PageDone&)>& lay_out)
    : input_(input), spool_(temp_dir, input), doc_(lay_out([this](layout::Document& d, std::size_t p) {
        glyphs_.add(d.pages[p], d.fonts);
        spool_.put(d.pages[p].items);
        std::vector<layout::Item>().swap(d.pages[p].items);
      })) {
  // What was drawn once the page count was known (running heads, footers, a packet's contents),
  // onto the pages as they were left.
  for (const layout::Page& page : doc_.pages) glyphs_.add(page, doc_.fonts);
  glyphs_.finish(doc_.fonts);
}

std::size_t SpooledPdf::write(render::PdfSink& sink) {
  try {
    render::PageStreamWriter writer(doc_, glyphs_, sink);
    for (layout::Page& page : doc_.pages) {
      spool_.take(page.items);
      writer.page(page);
      std::vector<layout::Item>().swap(page.items);
    }
    return writer.finish();
  } catch (const Error& e) {
    if (e.code() == ErrorCode::Output) throw;
    throw Error(e.code(), input_, "cannot write the PDF: " + e.message());
  }
}

std::string SpooledPdf::write() {
  render::StringSink sink;
  write(sink);
  return sink.take();
}

std::size_t SpooledPdf::write_to(const std::string& path) {
  StagedFile file(path);
  StagedSink sink(file);
  const std::size_t size = write(sink);
  file.commit();
  return size;
}

}  // namespace tp::app
