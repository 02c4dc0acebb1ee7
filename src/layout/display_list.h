// The display list: what the layout engine returns and the PDF backend draws. Plain values, no
// library types. Coordinates are points, origin top-left of the page, y down (core/geometry.h).
// The backend makes no layout decision: it draws these items in order, nothing more.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/format.h"
#include "core/geometry.h"
#include "core/raster.h"

namespace tp::layout {

// A font face the document uses: a file and a face index inside it (collections).
struct FontFace {
  std::string path;
  int face_index = 0;
  bool operator==(const FontFace&) const = default;
};

// The logical structure of a document (PDF 32000-1 14.7, tagged PDF 14.8): what screen readers and
// reflowing viewers read instead of the drawing. Each content item names the element it belongs to
// (an index into Document::structure) or kArtifact; rules and rectangles are always artifacts.
// The children of an element, and so the reading order, are the order in which the items of its
// elements are drawn, page after page: layout draws a thread in its logical order.
inline constexpr int kArtifact = -1;     // decoration: rules, frames, badges, pictures of text
inline constexpr int kRunningHead = -2;  // pagination: the running head at the top of a page
inline constexpr int kPageFooter = -3;   // pagination: the footer ("page 2 / 7", "ii")
constexpr bool is_artifact(int elem) { return elem < 0; }

enum class Role {
  Document,    // the root; Document::structure[0]
  Part,        // one thread of a briefing packet
  Sect,        // a post, the thread header, an appendix, the contents page
  H,           // a heading: a post's number line, a title
  P,           // a paragraph or a line of its own
  Link,        // a link's text with its annotations (every LinkItem belongs to one)
  Figure,      // a picture; StructElem::alt says what it shows
  Caption,     // the words printed under a picture
  BlockQuote,  // a quoted post
  Card,        // a link preview card
  Poll,        // a poll with its options
  Tombstone,   // what stands for a post that is unavailable
  TOC,         // a packet's contents
  TOCI,        // one entry of the contents
};

struct StructElem {
  Role role = Role::P;
  int parent = -1;    // index into Document::structure; -1 only for the root
  std::string lang;   // BCP 47 tag when it differs from what it inherits; "" inherits
  std::string alt;    // Figure: what it shows (the author's alt text, or words saying there is none)
  std::string title;  // a few words naming the element ("Post 3/12", "Thread header"); may be ""
};

// One shaped glyph, in HarfBuzz's terms scaled to points: drawn at pen + (dx, dy) (dy up is
// negative, as y grows down), then the pen moves right by `advance`.
struct Glyph {
  std::uint32_t gid = 0;
  std::uint32_t cluster = 0;  // byte offset into GlyphRun::text of the cluster this glyph belongs to
  double dx = 0, dy = 0;
  double advance = 0;
};

// Glyphs of one font and size on one baseline, left to right as drawn (a right-to-left run is
// already in visual order: its clusters decrease). `text` is the source text the glyphs stand for,
// in logical order; a cluster spans from its offset to the next larger cluster offset in the run
// (or the end of `text`). The backend makes that text extractable (ToUnicode, ActualText).
struct GlyphRun {
  int font = 0;  // index into Document::fonts; -1 for a stand-in
  double size = 10;
  Color color;
  Point origin;  // pen position of the first glyph, on the baseline
  std::vector<Glyph> glyphs;
  std::string text;
  bool invisible = false;  // drawn with text render mode 3: extractable, not painted
  // Horizontal scaling of the glyphs (PDF Tz / 100): lets a stand-in glyph for a missing emoji
  // picture be exactly as wide as the emoji, so text extractors see no gap after it.
  double horizontal_scale = 1;
  // The run only carries `text` for a picture drawn under it (an emoji image): `font` and the glyph
  // ids mean nothing, each glyph's cluster text is what one picture stands for, and the backend
  // draws it with a glyph that paints nothing but extracts as exactly that text.
  bool stand_in = false;
  int elem = kArtifact;  // the structure element the text belongs to
};

struct ImageItem {
  Rect box;
  int image = 0;         // index into Document::images
  int elem = kArtifact;  // a Figure, or kArtifact for a picture of text (an emoji) or decoration
};

struct RectItem {
  Rect box;
  std::optional<Color> fill;
  std::optional<Color> stroke;
  double line_width = 0.5;
  double corner_radius = 0;
  bool dashed = false;
};

struct LineItem {
  Point from, to;
  Color color;
  double width = 0.5;
};

// A clickable area: an external URI, or a place in this document (page index, y from the top).
struct LinkItem {
  Rect box;
  std::string uri;  // empty for an internal link
  int dest_page = -1;
  double dest_y = 0;
  int elem = kArtifact;  // the Link element the annotation belongs to (kArtifact: untagged)
};

using Item = std::variant<GlyphRun, ImageItem, RectItem, LineItem, LinkItem>;

struct Page {
  Size size;
  std::vector<Item> items;  // painted in order
};

struct OutlineEntry {
  std::string title;
  int page = 0;   // page index
  double y = 0;   // top of the target, from the top of the page
  int level = 0;  // 0 = top level; 1 = child of the previous level-0 entry, ...
};

// How a viewer numbers pages from `first_page` on (PDF page labels, 12.4.2): cover "i", contents
// "ii", threads "1"...
struct PageLabel {
  enum class Style { Decimal, LowerRoman };
  int first_page = 0;  // page index where this numbering starts
  Style style = Style::Decimal;
  int start = 1;  // the number of that first page
};

struct Metadata {
  std::string title, author, subject, creator, keywords;
  std::string language;  // BCP 47 tag of the document's text (the layout's language); "" unknown
  std::optional<UnixTime> creation_date;
  std::string source_url;               // where the thread was captured from ("" when unknown)
  std::optional<UnixTime> captured_at;  // when it was captured
};

// A file carried inside the PDF as an associated file of the document (PDF/A-3 6.8): the thread
// JSON it was made from, its manifest, the pictures as fetched. The backend writes the bytes as
// given; `name` is the file name viewers show, `mime` its media type.
struct Attachment {
  std::string name;
  std::string mime;
  std::string description;
  std::string relationship = "Source";  // /AFRelationship: Source, Data, Supplement, ...
  std::string bytes;
};

// Room for a signature over the finished file (PDF 32000-1 12.8): the backend writes an invisible
// signature field on the first page and a /Sig dictionary whose /ByteRange and /Contents are
// placeholders of fixed width, for the signer (src/evidence/sign.h) to fill in the saved bytes.
struct SignatureSlot {
  // The /ByteRange placeholder exactly as the backend writes it and the signer finds it: the largest
  // numbers libharu writes, so the real offsets, padded with spaces, fit without moving a byte.
  static constexpr const char* kByteRangePlaceholder = "/ByteRange [ 0 2147483647 2147483647 2147483647 ]";
  std::size_t contents_bytes = 32768;  // room for the DER CMS signature (written as twice as many hex digits)
  std::optional<UnixTime> date;        // /M, the claimed signing time
};

struct Document {
  std::vector<FontFace> fonts;
  std::vector<std::shared_ptr<const Raster>> images;  // each drawn image stored once
  std::vector<Page> pages;
  std::vector<OutlineEntry> outline;
  std::vector<PageLabel> page_labels;  // empty: viewers number pages 1, 2, ...
  Metadata metadata;
  std::vector<Attachment> attachments;     // in this order in /AF and the EmbeddedFiles name tree
  std::optional<SignatureSlot> signature;  // none: the file is not to be signed
  // The structure tree, root first; empty: the document is not tagged. A parent comes before its
  // children.
  std::vector<StructElem> structure;
};

// "P", "Figure", ...: the role's name, as the dump prints it and as the structure type a PDF writes
// (the ones PDF does not define, Card, Poll and Tombstone, are role-mapped by the backend).
constexpr const char* role_name(Role role) {
  switch (role) {
    case Role::Document:
      return "Document";
    case Role::Part:
      return "Part";
    case Role::Sect:
      return "Sect";
    case Role::H:
      return "H";
    case Role::P:
      return "P";
    case Role::Link:
      return "Link";
    case Role::Figure:
      return "Figure";
    case Role::Caption:
      return "Caption";
    case Role::BlockQuote:
      return "BlockQuote";
    case Role::Card:
      return "Card";
    case Role::Poll:
      return "Poll";
    case Role::Tombstone:
      return "Tombstone";
    case Role::TOC:
      return "TOC";
    case Role::TOCI:
      return "TOCI";
  }
  return "P";
}

}  // namespace tp::layout
