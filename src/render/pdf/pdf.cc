#include "render/pdf/pdf.h"

#include <hb.h>

#include <algorithm>
#include <limits>
#include <optional>
#include <type_traits>

#include "core/error.h"
#include "render/pdf/attachments.h"
#include "render/pdf/font_embed.h"
#include "render/pdf/glyph_text.h"
#include "render/pdf/haru.h"
#include "render/pdf/images.h"
#include "render/pdf/links.h"
#include "render/pdf/metadata.h"
#include "render/pdf/outline.h"
#include "render/pdf/paint.h"
#include "render/pdf/pdfa.h"
#include "render/pdf/signature.h"
#include "render/pdf/stand_in_font.h"
#include "render/pdf/structure.h"

namespace tp::render {

using pdf::Haru;

namespace {

// The text of each glyph of a stand-in run: the run's clusters have one glyph each.
template <class F>
void for_each_stand_in(const layout::GlyphRun& run, F&& f) {
  for (const pdf::Cluster& c : pdf::clusters_of(run)) {
    for (std::size_t i = c.first; i < c.first + c.count; ++i)
      f(run.glyphs[i],
        i == c.first ? run.text.substr(c.text_begin, c.text_end - c.text_begin) : std::string());
  }
}

}  // namespace

// Which glyphs of which font the document draws, and the text each glyph stands for. Visible runs
// are read before invisible ones, so a glyph's ToUnicode comes from text that shows it; the text of
// an invisible run then rides on /ActualText instead. Invisible runs are kept until finish() for
// that reason (they are few: the text under emoji pictures).
struct DocumentGlyphs::State {
  std::vector<pdf::FontUse> uses;
  pdf::StandIns stand_ins;
  // The text of invisible runs by font, each glyph's first (assign_to_unicode keeps the first):
  // merged under the visible runs' at the end, which gives what reading every visible run first
  // gives, without keeping the runs. Invisible stand-in runs are kept: stand-in glyphs are
  // numbered in order of first use.
  std::vector<pdf::ToUnicode> invisible_text;
  std::vector<layout::GlyphRun> invisible;
  // Each font's cmap, opened on first use, names the glyphs of base-and-mark clusters.
  std::vector<hb_font_t*> cmaps;
  // By font and glyph id: already in uses[font].gids. Nearly every glyph of a document was drawn
  // before, and a lookup here costs less than the set's.
  std::vector<std::vector<bool>> drawn;
  const std::vector<layout::FontFace>* fonts = nullptr;

  ~State() {
    for (hb_font_t* f : cmaps) hb_font_destroy(f);
  }

  pdf::NominalGlyph nominal_for(int font) {
    if (!cmaps[font]) {
      const layout::FontFace& face_of = (*fonts)[font];
      hb_blob_t* blob = hb_blob_create_from_file(face_of.path.c_str());
      hb_face_t* face = hb_face_create(blob, static_cast<unsigned>(face_of.face_index));
      cmaps[font] = hb_font_create(face);
      hb_face_destroy(face);
      hb_blob_destroy(blob);
    }
    hb_font_t* f = cmaps[font];
    return [f](char32_t c) -> std::uint32_t {
      hb_codepoint_t g = 0;
      return hb_font_get_nominal_glyph(f, c, &g) ? g : 0;
    };
  }

  void read(const layout::GlyphRun& run, bool invisible_text_only = false) {
    if (run.stand_in) {
      for_each_stand_in(run, [&](const layout::Glyph& g, const std::string& text) {
        stand_ins.glyph(text, g.advance / run.size * 1000);
      });
      return;
    }
    if (run.font < 0 || static_cast<std::size_t>(run.font) >= fonts->size()) {
      throw Error(ErrorCode::Internal, "pdf", "glyph run uses missing font " + std::to_string(run.font));
    }
    if (uses.size() < fonts->size()) {
      uses.resize(fonts->size());
      invisible_text.resize(fonts->size());
      cmaps.resize(fonts->size(), nullptr);
      drawn.resize(fonts->size());
    }
    pdf::FontUse& use = uses[run.font];
    std::vector<bool>& seen = drawn[run.font];
    bool all_have_text = true;
    pdf::ToUnicode& map = invisible_text_only ? invisible_text[run.font] : use.to_unicode;
    for (const layout::Glyph& g : run.glyphs) {
      if (g.gid >= seen.size()) seen.resize(g.gid + 1, false);
      if (!seen[g.gid]) {
        seen[g.gid] = true;
        use.gids.insert(g.gid);
      }
      all_have_text = all_have_text && map.contains(g.gid);
    }
    // assign_to_unicode gives text only to glyphs without: a run of known glyphs (most runs)
    // would change nothing, and its clusters need not be found.
    if (!all_have_text) pdf::assign_to_unicode(run, map, nominal_for(run.font));
  }
};

DocumentGlyphs::DocumentGlyphs() : state_(std::make_unique<State>()) {}
DocumentGlyphs::~DocumentGlyphs() = default;

void DocumentGlyphs::add(const layout::Page& page, const std::vector<layout::FontFace>& fonts) {
  state_->fonts = &fonts;
  for (const layout::Item& item : page.items) {
    const auto* run = std::get_if<layout::GlyphRun>(&item);
    if (!run || run->glyphs.empty()) continue;
    if (!run->invisible)
      state_->read(*run);
    else if (run->stand_in)
      state_->invisible.push_back(*run);
    else
      state_->read(*run, true);
  }
}

void DocumentGlyphs::finish(const std::vector<layout::FontFace>& fonts) {
  state_->fonts = &fonts;
  for (const layout::GlyphRun& run : state_->invisible) state_->read(run);
  std::vector<layout::GlyphRun>().swap(state_->invisible);
  state_->uses.resize(fonts.size());
  state_->invisible_text.resize(fonts.size());
  for (std::size_t f = 0; f < fonts.size(); ++f) {
    // A glyph keeps the visible runs' text; the invisible runs' fills only what they left.
    for (const auto& [gid, text] : state_->invisible_text[f])
      state_->uses[f].to_unicode.try_emplace(gid, text);
  }
  std::vector<pdf::ToUnicode>().swap(state_->invisible_text);
}

namespace {

// One page: the content stream as text, plus resources and annotations in libharu.
class PageWriter {
 public:
  PageWriter(Haru& haru, const std::vector<std::optional<pdf::EmbeddedFont>>& fonts,
             const pdf::StandIns& stand_ins, const std::vector<pdf::StandInFont>& stand_in_fonts,
             pdf::ImageStore& images, pdf::ColourProfiles& profiles, const pdf::PageTargets& targets,
             pdf::StructureWriter& structure, int index, std::string& content)
      : haru_(haru),
        fonts_(fonts),
        stand_ins_(stand_ins),
        stand_in_fonts_(stand_in_fonts),
        images_(images),
        profiles_(profiles),
        targets_(targets),
        structure_(structure),
        index_(index),
        page_(targets.pages[index]),
        height_(targets.heights[index]),
        content_(content) {
    content_.clear();
  }

  void operator()(const layout::GlyphRun& run) {
    if (run.glyphs.empty()) return;
    mark(run.elem);
    if (run.stand_in) return write_stand_ins(run);
    const pdf::EmbeddedFont& font = *fonts_.at(static_cast<std::size_t>(run.font));
    const char* name = haru_.need(HPDF_Page_GetLocalFontName(page_, font.type0), "page font resource");
    pdf::write_glyph_run(content_, run, name, font.glyphs, height_, state_);
  }
  void operator()(const layout::ImageItem& item) {
    // An index the document does not have: ImageStore says so.
    HPDF_Image image = images_.get(item.image);
    mark(item.elem);
    if (profiles_.make_device_independent(image)) transparent_ = true;
    const char* name = haru_.need(HPDF_Page_GetXObjectName(page_, image), "page image resource");
    pdf::write_image(content_, item.box, name, height_, images_.orientation(item.image));
  }
  void operator()(const layout::RectItem& item) {
    if (!item.fill && !item.stroke) return;
    mark(layout::kArtifact);
    pdf::write_rect(content_, item, height_);
  }
  void operator()(const layout::LineItem& item) {
    mark(layout::kArtifact);
    pdf::write_line(content_, item, height_);
  }
  void operator()(const layout::LinkItem& item) {
    // An annotation is no content: the marked-content sequence around it goes on.
    pdf::LinkAnnotation annot = pdf::add_link(haru_, targets_, index_, item);
    if (!annot.object) return;
    const int key = structure_.annotation(item.elem, index_, annot.object);
    if (key >= 0) annot.entries += "/StructParent " + std::to_string(key) + "\n";
    haru_.write_raw(annot.object, "<<\n" + annot.entries + ">>");
  }

  // Writes the content, deflated, as the page's /Contents stream, and the page with its content
  // out to the file (its annotations went as they were drawn): nothing changes them afterwards. The first
  // page stays when the document is to be signed, as the signature field is added to it at the end.
  void finish(bool keep_page) {
    close_mark();
    HPDF_Dict contents = Haru::page_contents(page_);
    haru_.write_deflated(contents, content_, "page content", kContentDeflateLevel);
    if (transparent_) pdf::add_transparency_group(haru_, page_);
    structure_.finish_page(index_);
    haru_.flush(contents);
    if (!keep_page) haru_.flush(page_);
  }

 private:
  // Puts what is drawn next into a marked-content sequence of element `elem` (14.6, 14.7.4): one
  // sequence for consecutive items of one element, /Artifact (14.8.2.2) for page furniture, typed
  // as pagination for running heads and footers. An untagged document gets none.
  void mark(int elem) {
    if (!structure_.tagged() || elem == open_) return;
    close_mark();
    if (elem == layout::kRunningHead) {
      content_ += "/Artifact <</Type /Pagination /Subtype /Header>> BDC\n";
    } else if (elem == layout::kPageFooter) {
      content_ += "/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n";
    } else if (layout::is_artifact(elem)) {
      content_ += "/Artifact BMC\n";
    } else {
      const int mcid = structure_.mark(elem, index_);
      content_ += '/';
      content_ += structure_.type(elem);
      content_ += " <</MCID " + std::to_string(mcid) + ">> BDC\n";
    }
    open_ = elem;
  }
  void close_mark() {
    if (open_ != kNone) content_ += "EMC\n";
    open_ = kNone;
  }

  // Each glyph as a run of its own, since neighbours may be in different stand-in fonts.
  void write_stand_ins(const layout::GlyphRun& run) {
    double pen = 0;
    for_each_stand_in(run, [&](const layout::Glyph& g, const std::string& text) {
      layout::GlyphRun one = run;
      one.origin.x += pen;
      one.text = text;
      const std::uint32_t glyph = stand_ins_.find(text);
      one.glyphs = {{glyph, 0, g.dx, g.dy, g.advance}};
      pen += g.advance;
      const pdf::StandInFont& font = stand_in_fonts_[glyph / pdf::kStandInsPerFont];
      const char* name = haru_.need(HPDF_Page_GetLocalFontName(page_, font.type3), "page font resource");
      pdf::write_glyph_run(content_, one, name, font.glyphs, height_, state_);
    });
  }

  Haru& haru_;
  const std::vector<std::optional<pdf::EmbeddedFont>>& fonts_;
  const pdf::StandIns& stand_ins_;
  const std::vector<pdf::StandInFont>& stand_in_fonts_;
  pdf::ImageStore& images_;
  pdf::ColourProfiles& profiles_;
  const pdf::PageTargets& targets_;
  pdf::StructureWriter& structure_;
  static constexpr int kNone = std::numeric_limits<int>::min();  // no marked-content sequence open
  int open_ = kNone;
  int index_;
  HPDF_Page page_;
  double height_;
  std::string& content_;  // the writer's, reused from page to page
  pdf::ContentState state_;
  bool transparent_ = false;  // draws a soft-masked image
};

constexpr HPDF_UINT kPagesPerNode = 32000;

}  // namespace

struct PageStreamWriter::State {
  State(const layout::Document& doc, const DocumentGlyphs& glyphs, PdfSink& sink)
      : doc(doc), images(haru, doc.images), profiles(haru) {
    const DocumentGlyphs::State& g = *glyphs.state_;
    haru.check(HPDF_SetCompressionMode(haru.doc(), HPDF_COMP_ALL), "compression");
    // A /Kids array holds at most 32,767 entries in libharu (HPDF_LIMIT_MAX_ARRAY): past that many
    // pages the root gets intermediate /Pages nodes of this many pages each, so any page count can
    // be written. Documents with fewer pages keep the flat tree they always had.
    haru.check(HPDF_SetPagesConfiguration(haru.doc(), kPagesPerNode), "page tree");
    // The newest feature written is /ActualText (PDF 1.5, 14.9.4); libharu would say 1.3.
    haru.set_pdf_version(HPDF_VER_15);
    haru.begin(sink);

    fonts.resize(doc.fonts.size());
    for (std::size_t i = 0; i < doc.fonts.size(); ++i) {
      if (i < g.uses.size() && !g.uses[i].gids.empty())
        fonts[i] = pdf::embed_font(haru, doc.fonts[i], g.uses[i]);
    }
    stand_ins = &g.stand_ins;
    stand_in_fonts = pdf::embed_stand_in_fonts(haru, g.stand_ins);

    // All pages exist before any is drawn, so links and the outline can point forwards.
    for (const layout::Page& page : doc.pages) {
      HPDF_Page p = haru.need(HPDF_AddPage(haru.doc()), "add page");
      haru.check(HPDF_Page_SetWidth(p, static_cast<HPDF_REAL>(page.size.width)), "page width");
      haru.check(HPDF_Page_SetHeight(p, static_cast<HPDF_REAL>(page.size.height)), "page height");
      targets.pages.push_back(p);
      targets.heights.push_back(page.size.height);
    }
    structure.emplace(haru, doc.structure, targets);
  }

  // Members in the order they must be made: libharu's document first.
  Haru haru;
  const layout::Document& doc;
  std::vector<std::optional<pdf::EmbeddedFont>> fonts;
  const pdf::StandIns* stand_ins = nullptr;
  std::vector<pdf::StandInFont> stand_in_fonts;
  pdf::PageTargets targets;
  pdf::ImageStore images;
  pdf::ColourProfiles profiles;
  std::optional<pdf::StructureWriter> structure;  // made once the pages are
  std::size_t next = 0;                           // the page page() writes next
  // A page's content stream as text: one buffer for every page, so that a page does not grow a
  // fresh one from nothing.
  std::string content;
};

PageStreamWriter::PageStreamWriter(const layout::Document& doc, const DocumentGlyphs& glyphs, PdfSink& sink)
    : state_(std::make_unique<State>(doc, glyphs, sink)) {}

PageStreamWriter::~PageStreamWriter() = default;

void PageStreamWriter::page(const layout::Page& page) {
  State& s = *state_;
  if (s.next >= s.targets.pages.size())
    throw Error(ErrorCode::Internal, "pdf", "page " + std::to_string(s.next + 1) + " was not planned");
  const int index = static_cast<int>(s.next++);
  PageWriter writer(s.haru, s.fonts, *s.stand_ins, s.stand_in_fonts, s.images, s.profiles, s.targets,
                    *s.structure, index, s.content);
  for (const layout::Item& item : page.items) std::visit(writer, item);
  writer.finish(index == 0 && s.doc.signature);
}

std::size_t PageStreamWriter::finish() {
  State& s = *state_;
  if (s.next != s.targets.pages.size())
    throw Error(ErrorCode::Internal, "pdf",
                std::to_string(s.next) + " of " + std::to_string(s.targets.pages.size()) + " pages written");
  Haru& haru = s.haru;
  const layout::Document& doc = s.doc;
  s.structure->finish();

  pdf::write_outline(haru, doc.outline, s.targets);
  // Page labels (12.4.2): how viewers number the pages, e.g. a packet's "i, ii, 1, 2, ...".
  for (const layout::PageLabel& label : doc.page_labels) {
    const HPDF_PageNumStyle style = label.style == layout::PageLabel::Style::LowerRoman
                                        ? HPDF_PAGE_NUM_STYLE_LOWER_ROMAN
                                        : HPDF_PAGE_NUM_STYLE_DECIMAL;
    haru.check(HPDF_AddPageLabel(haru.doc(), static_cast<HPDF_UINT>(label.first_page), style,
                                 static_cast<HPDF_UINT>(label.start), nullptr),
               "page labels");
  }
  pdf::write_metadata(haru, doc.metadata);
  // PDF/A-3u (pdfa.h): XMP twin of the Info dictionary, sRGB output intent, associated files, /ID.
  pdf::write_xmp(haru, doc.metadata);
  s.profiles.add_output_intent();
  pdf::write_attachments(haru, doc.attachments, doc.metadata.creation_date);
  if (doc.signature && !s.targets.pages.empty())
    pdf::add_signature_field(haru, s.targets.pages.front(), *doc.signature);
  return haru.finish();
}

namespace {

// write_pdf; `consumed`, when not null, is `doc` itself, whose pages' items may be freed once the
// page is written.
std::size_t write_document(const layout::Document& doc, layout::Document* consumed, PdfSink& sink) {
  DocumentGlyphs glyphs;
  for (const layout::Page& page : doc.pages) glyphs.add(page, doc.fonts);
  glyphs.finish(doc.fonts);
  PageStreamWriter writer(doc, glyphs, sink);
  for (std::size_t i = 0; i < doc.pages.size(); ++i) {
    writer.page(doc.pages[i]);
    if (consumed) std::vector<layout::Item>().swap(consumed->pages[i].items);
  }
  return writer.finish();
}

}  // namespace

std::string write_pdf(layout::Document&& doc) {
  StringSink sink;
  write_document(doc, &doc, sink);
  return sink.take();
}

std::string write_pdf(const layout::Document& doc) {
  StringSink sink;
  write_document(doc, nullptr, sink);
  return sink.take();
}

}  // namespace tp::render
