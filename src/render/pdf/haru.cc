#include "render/pdf/haru.h"

// The private headers that hold the structures below; only this file includes them.
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>

#include <cstdio>

#include "core/deflate.h"
#include "core/error.h"
#include "render/pdf/text_map.h"

// The fields used here (HPDF_Doc_Rec's mmgr, xref, catalog, info and pdf_version; HPDF_PageAttr's
// contents; HPDF_Dict_Rec's list, stream, filter and write_fn; the object header's obj_class;
// HPDF_Name_Rec's and HPDF_String_Rec's value and len) were read from libharu 2.3.0. Another
// version may move or rename them without a compiler error: re-read them in its headers, then
// change the number.
static_assert(HPDF_VERSION_ID == 20300, "libharu's private structures used in haru.cc were read from 2.3.0");

namespace tp::render::pdf {

Haru::Haru() {
  // The handler only records: libharu's default handler is absent and its examples longjmp, which
  // would skip C++ destructors. Every call's status is checked where it is made.
  doc_ = HPDF_NewEx(&Haru::on_error, nullptr, nullptr, 0, &error_);
  if (!doc_) throw Error(ErrorCode::Internal, "pdf", "libharu cannot create a document");
}

Haru::~Haru() { HPDF_Free(doc_); }

HPDF_MMgr Haru::mmgr() const { return doc_->mmgr; }
HPDF_Xref Haru::xref() const { return doc_->xref; }
HPDF_Dict Haru::catalog() const { return doc_->catalog; }
HPDF_Dict Haru::info() const { return doc_->info; }

void Haru::set_pdf_version(HPDF_PDFVer version) { doc_->pdf_version = version; }

HPDF_Dict Haru::page_contents(HPDF_Page page) { return static_cast<HPDF_PageAttr>(page->attr)->contents; }

HPDF_Stream Haru::stream_of(HPDF_Dict stream_dict) { return stream_dict->stream; }

HPDF_Dict Haru::new_xobject_stream(std::string_view what) {
  HPDF_Dict dict = need(HPDF_DictStream_New(mmgr(), xref()), what);
  // HPDF_Page_GetXObjectName checks this class bit, which only libharu's own image loaders set.
  dict->header.obj_class |= HPDF_OSUBCLASS_XOBJECT;
  return dict;
}

void* Haru::find(HPDF_Dict dict, const char* key) {
  for (HPDF_UINT i = 0; i < dict->list->count; ++i) {
    auto* element = static_cast<HPDF_DictElement>(HPDF_List_ItemAt(dict->list, i));
    if (std::string_view(element->key) != key) continue;
    auto* header = static_cast<HPDF_Obj_Header*>(element->value);
    if ((header->obj_class & HPDF_OCLASS_ANY) == HPDF_OCLASS_PROXY)
      return static_cast<HPDF_Proxy>(element->value)->obj;
    return element->value;
  }
  return nullptr;
}

namespace {

unsigned class_of(const void* obj) {
  return static_cast<const HPDF_Obj_Header*>(obj)->obj_class & HPDF_OCLASS_ANY;
}

}  // namespace

bool Haru::is_name(const void* obj, std::string_view name) {
  return obj && class_of(obj) == HPDF_OCLASS_NAME && name == static_cast<const HPDF_Name_Rec*>(obj)->value;
}

std::string Haru::string_bytes(const void* obj) {
  if (!obj || class_of(obj) != HPDF_OCLASS_STRING) return {};
  auto* s = static_cast<const HPDF_String_Rec*>(obj);
  return std::string(reinterpret_cast<const char*>(s->value), s->len);
}

void Haru::on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void* user_data) {
  auto* record = static_cast<ErrorRecord*>(user_data);
  record->error_no = error_no;
  record->detail_no = detail_no;
}

namespace {

// What a user can be told about the libharu errors that the data of a thread (rather than a bug of
// ours) can cause; libharu's own names are in hpdf_error.h.
const char* in_words(HPDF_STATUS code) {
  switch (code) {
    case HPDF_ARRAY_COUNT_ERR:
      return "more than 32,767 entries in one PDF array";
    case HPDF_DICT_COUNT_ERR:
      return "more than 4,095 entries in one PDF dictionary";
    case HPDF_XREF_COUNT_ERR:
      return "more than 8,388,607 objects in one PDF";
    case HPDF_STRING_OUT_OF_RANGE:
    case HPDF_BINARY_LENGTH_ERR:
      return "a string longer than a PDF may hold";
    case HPDF_NAME_OUT_OF_RANGE:
      return "a name longer than a PDF may hold";
    case HPDF_REAL_OUT_OF_RANGE:
      return "a number outside what a PDF may hold (a page or picture too large)";
    case HPDF_PAGE_INVALID_SIZE:
      return "a page size outside 3 to 14,400 points";
    case HPDF_FAILD_TO_ALLOC_MEM:
      return "out of memory";
    case HPDF_ZLIB_ERROR:
      return "compression failed";
    case HPDF_FILE_IO_ERROR:
    case HPDF_FILE_OPEN_ERROR:
      return "a file could not be read or written";
    default:
      return nullptr;
  }
}

}  // namespace

void Haru::fail(std::string_view what) {
  // Object-layer functions set the document's error without calling the handler, so both
  // places are read.
  HPDF_STATUS code = error_.error_no ? error_.error_no : HPDF_GetError(doc_);
  HPDF_STATUS detail = error_.error_no ? error_.detail_no : HPDF_GetErrorDetail(doc_);
  char buf[64];
  std::snprintf(buf, sizeof buf, "libharu error 0x%04X (detail %u)", static_cast<unsigned>(code),
                static_cast<unsigned>(detail));
  const char* words = in_words(code);
  throw Error(ErrorCode::Internal, "pdf",
              std::string(what) + ": " + (words ? std::string(words) + " (" + buf + ")" : std::string(buf)));
}

void Haru::check(HPDF_STATUS status, std::string_view what) {
  if (status != HPDF_OK) {
    if (!error_.error_no && !HPDF_GetError(doc_)) error_.error_no = status;
    fail(what);
  }
}

HPDF_Dict Haru::new_indirect_dict() {
  HPDF_Dict dict = need(HPDF_Dict_New(mmgr()), "new dictionary");
  // HPDF_Xref_Add frees the object itself when it fails.
  check(HPDF_Xref_Add(xref(), dict), "register object");
  return dict;
}

HPDF_Dict Haru::new_stream(std::string_view bytes, bool flate) {
  HPDF_Dict dict = need(HPDF_DictStream_New(mmgr(), xref()), "new stream");
  if (flate) {
    write_deflated(dict, bytes, "write stream");
  } else {
    write(stream_of(dict), bytes, "write stream");
  }
  return dict;
}

namespace {

// libharu drops a stream's /Filter entry when it does not compress the stream itself
// (HPDF_Dict_Write), so a stream deflated beforehand declares its filter through the dict's write
// hook, which runs after the entries and before ">>".
HPDF_STATUS write_flate_filter(HPDF_Dict, HPDF_Stream stream) {
  return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
}

}  // namespace

void Haru::declare_flate(HPDF_Dict stream_dict) {
  stream_dict->filter = HPDF_STREAM_FILTER_NONE;
  stream_dict->write_fn = write_flate_filter;
}

void Haru::write_deflated(HPDF_Dict stream_dict, std::string_view bytes, std::string_view what) {
  declare_flate(stream_dict);
  write(stream_of(stream_dict), zlib_compress(bytes), what);
}

void Haru::write(HPDF_Stream stream, std::string_view bytes, std::string_view what) {
  if (bytes.empty()) return;
  check(HPDF_Stream_Write(stream, reinterpret_cast<const HPDF_BYTE*>(bytes.data()),
                          static_cast<HPDF_UINT>(bytes.size())),
        what);
}

void Haru::add_text(HPDF_Dict dict, const char* key, std::string_view utf8) {
  std::string bytes = utf16be_with_bom(utf8);
  // HPDF_Binary is written as a hex string <FEFF...>; libharu's encoders cannot produce UTF-16.
  HPDF_Binary value = need(HPDF_Binary_New(mmgr(), reinterpret_cast<HPDF_BYTE*>(bytes.data()),
                                           static_cast<HPDF_UINT>(bytes.size())),
                           std::string("text string ") + key);
  check(HPDF_Dict_Add(dict, key, value), std::string("add ") + key);
}

void Haru::add_ascii(HPDF_Dict dict, const char* key, std::string_view ascii) {
  std::string value(ascii);
  HPDF_String s = need(HPDF_String_New(mmgr(), value.c_str(), nullptr), std::string("string ") + key);
  check(HPDF_Dict_Add(dict, key, s), std::string("add ") + key);
}

void Haru::add_real(HPDF_Dict dict, const char* key, double value) {
  check(HPDF_Dict_AddReal(dict, key, static_cast<HPDF_REAL>(value)), std::string("add ") + key);
}

HPDF_Array Haru::add_array(HPDF_Dict dict, const char* key) {
  HPDF_Array array = need(HPDF_Array_New(mmgr()), "new array");
  check(HPDF_Dict_Add(dict, key, array), std::string("add ") + key);
  return array;
}

void Haru::add_real(HPDF_Array array, double value) {
  check(HPDF_Array_AddReal(array, static_cast<HPDF_REAL>(value)), "add number");
}

std::string Haru::save() {
  check(HPDF_SaveToStream(doc_), "save");
  std::string out(HPDF_GetStreamSize(doc_), '\0');
  HPDF_UINT32 size = static_cast<HPDF_UINT32>(out.size());
  check(HPDF_ReadFromStream(doc_, reinterpret_cast<HPDF_BYTE*>(out.data()), &size), "read saved file");
  out.resize(size);
  return out;
}

std::string utf16be_with_bom(std::string_view utf8) {
  std::string out = "\xFE\xFF";
  for (char16_t u : utf16_of(utf8)) {
    out += static_cast<char>(u >> 8);
    out += static_cast<char>(u & 0xFF);
  }
  return out;
}

}  // namespace tp::render::pdf
