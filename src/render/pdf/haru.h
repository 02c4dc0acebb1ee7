// The thin C++ layer over libharu that the rest of the backend uses: one owned HPDF_Doc whose
// error handler records instead of aborting, status checks that become tp::Error, and builders
// for the few PDF objects libharu's high-level API cannot write (UTF-16 strings, raw streams).
// Internal to src/render/pdf.
//
// libharu's public API stops short of what this backend writes, so some of its private structures
// are used (fields declared in hpdf_objects.h, hpdf_doc.h and hpdf_pages.h). Only haru.cc uses
// them, behind the named methods below, so a libharu upgrade breaks that one file (a static_assert
// there names the version they were read from); tests/boundaries fails any other file that
// includes those headers or names those fields.
#pragma once

#include <hpdf.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "core/deflate.h"
#include "render/pdf/pdf.h"

namespace tp::render::pdf {

// Owns one libharu document from HPDF_NewEx to HPDF_Free. Not copyable or movable: libharu keeps
// a pointer to `error_` as the handler's user data. Each instance is independent, so documents can
// be written from several threads at once.
class Haru {
 public:
  // Throws tp::Error(Internal) if libharu cannot create a document.
  Haru();
  ~Haru();
  Haru(const Haru&) = delete;
  Haru& operator=(const Haru&) = delete;

  HPDF_Doc doc() const { return doc_; }
  HPDF_MMgr mmgr() const;
  HPDF_Xref xref() const;
  HPDF_Dict catalog() const;  // the document catalog (7.7.2)
  HPDF_Dict info() const;     // the document information dictionary; HPDF_NewDoc makes it

  // Sets the version written in the file's header (libharu writes 1.3 unless told).
  void set_pdf_version(HPDF_PDFVer version);
  // The content stream libharu made for `page` (HPDF_AddPage), still empty until written.
  static HPDF_Dict page_contents(HPDF_Page page);
  // The stream of a dictionary made with HPDF_DictStream_New (or new_stream), to write into.
  static HPDF_Stream stream_of(HPDF_Dict stream_dict);
  // A new stream dictionary registered as an indirect object and marked as an XObject, so that
  // HPDF_Page_GetXObjectName accepts it as an image; its entries and bytes are the caller's.
  HPDF_Dict new_xobject_stream(std::string_view what);

  // The value under `key` (through the proxy of an indirect object), or null. Unlike
  // HPDF_Dict_GetItem it records no error for a value of another class.
  static void* find(HPDF_Dict dict, const char* key);
  // Whether `obj` (a value from find(), or null) is the PDF name `name`.
  static bool is_name(const void* obj, std::string_view name);
  // The bytes of `obj` if it is a PDF string (as add_ascii or libharu wrote it), else "".
  static std::string string_bytes(const void* obj);

  // Throws tp::Error(Internal, "pdf", "<what>: libharu error 0x....") unless status is HPDF_OK.
  void check(HPDF_STATUS status, std::string_view what);

  // Returns `p`, or throws like check() when it is null (libharu's way of failing a constructor).
  template <class T>
  T need(T p, std::string_view what) {
    if (!p) fail(what);
    return p;
  }

  [[noreturn]] void fail(std::string_view what);

  // A new dictionary registered as an indirect object (so it is freed with the document).
  HPDF_Dict new_indirect_dict();
  // A new dictionary with a stream, registered as an indirect object. `flate` compresses it.
  HPDF_Dict new_stream(std::string_view bytes, bool flate);

  // Appends `bytes` deflated (core/deflate.h) to the stream of `stream_dict`, which must be empty,
  // and declares /FlateDecode: libharu's own compression (zlib, at save) is turned off for it.
  void write_deflated(HPDF_Dict stream_dict, std::string_view bytes, std::string_view what,
                      int level = kDeflateLevel);
  // Declares /FlateDecode for a stream whose bytes are already a zlib stream; libharu leaves them
  // as they are.
  static void declare_flate(HPDF_Dict stream_dict);

  // Makes the stream of `stream_dict` give `bytes` when the document is saved, replacing what it
  // held, without a copy: `bytes` must stay alive and unchanged until save() returns. For the
  // largest streams (pictures), which would otherwise be held twice until the end.
  void lend(HPDF_Dict stream_dict, std::string_view bytes, std::string_view what);

  // Writes `bytes` to the end of a stream object (a page's content stream, a font file).
  void write(HPDF_Stream stream, std::string_view bytes, std::string_view what);

  // Adds `key` = a PDF text string in UTF-16BE with a byte order mark (PDF 32000-1 7.9.2.2), written
  // as a hex string. `utf8` is the program's text; invalid bytes become U+FFFD.
  void add_text(HPDF_Dict dict, const char* key, std::string_view utf8);
  // Adds `key` = a byte string written as (...) with escapes; for ASCII values (dates, URIs).
  void add_ascii(HPDF_Dict dict, const char* key, std::string_view ascii);
  void add_real(HPDF_Dict dict, const char* key, double value);
  // Adds `key` = a new empty array and returns it, for the caller to fill.
  HPDF_Array add_array(HPDF_Dict dict, const char* key);
  void add_real(HPDF_Array array, double value);
  // Room for `items` elements in all, so that adding them does not regrow the array: libharu grows
  // an array by 20 elements, copying it whole each time (quadratic in a long array). Changes no byte.
  static void reserve(HPDF_Array array, std::size_t items);

  // Saving as the file is made (docs/streaming.md), in place of libharu's HPDF_SaveToStream,
  // which writes every object only at the end. begin() writes the file's header to `sink` (call it
  // once, after set_pdf_version). flush() then writes one indirect object at once (a stream's
  // indirect /Length right after it) and frees what it held: its entries and its stream's
  // bytes. The object itself stays, so references to it (from pages' /Parent, destinations,
  // structure elements) are still written as "n 0 R"; it must not be changed or read afterwards.
  // Before begin(), flush() does nothing. finish() writes every object not yet written, in object
  // number order, then the cross-reference table and the trailer with its /ID (pdfa.h's
  // DocumentId, over every byte written), frees the document's objects (nothing may be added or
  // read afterwards) and returns the file's size. Whatever the sink throws passes through;
  // libharu's failures throw as check() does.
  void begin(PdfSink& sink);
  void flush(void* indirect_object);
  std::size_t finish();

  // Objects whose bytes are made here rather than held as libharu's dictionaries, for the
  // thousands of small objects of a long document (structure elements): new_raw_object() registers
  // a placeholder as an indirect object (a number, about thirty bytes where a dictionary with its
  // entries takes hundreds), which other objects may refer to at once (HPDF_Dict_Add,
  // HPDF_Array_Add, ref()); write_raw() then writes `body`, a complete PDF object such as
  // "<< ... >>", as that object, now (after begin(); the placeholder is never written).
  void* new_raw_object();
  void write_raw(void* raw_object, std::string_view body);
  // "N 0 R": a reference to an indirect object.
  static std::string ref(const void* indirect_object);
  // A PDF string of `bytes` as a hex string (7.3.4.3), and of the program's UTF-8 text as UTF-16BE
  // with a byte order mark (7.9.2.2; invalid bytes become U+FFFD).
  static std::string hex_string(std::string_view bytes);
  // A PDF string of printable ASCII (URIs, tags, titles) as a literal string, "(" ")" and "\\"
  // escaped (7.3.4.2): half the size of its hex form.
  static std::string literal_string(std::string_view ascii);
  static std::string text_string(std::string_view utf8);

  struct Output;  // the sink with its buffer, offset and hash (haru.cc)

 private:
  struct ErrorRecord {
    HPDF_STATUS error_no = 0;
    HPDF_STATUS detail_no = 0;
  };
  static void on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void* user_data);

  void write_object(HPDF_UINT id, void* entry);
  // The cross-reference entry of object `id`; throws like fail() when there is none.
  void* entry_of(HPDF_UINT id, std::string_view what);
  // "id gen obj" with the entry's offset recorded, and "endobj" with the object marked written:
  // what every object written here starts and ends with.
  void open_object(HPDF_UINT id, void* entry);
  void close_object(HPDF_UINT id);
  // When `obj` is a stream libharu would compress with zlib as it writes it, puts its bytes
  // deflated in `deflated`, lends them to the stream and declares /FlateDecode; `deflated` must
  // outlive the writing of the object. Returns whether it did.
  bool deflate_for_libharu(void* obj, std::string& deflated);
  void check_output(HPDF_STATUS status);

  ErrorRecord error_;
  HPDF_Doc doc_ = nullptr;
  std::unique_ptr<Output> out_;
};

// UTF-16BE bytes with a leading FEFF, as PDF text strings and ActualText want them.
std::string utf16be_with_bom(std::string_view utf8);

}  // namespace tp::render::pdf
