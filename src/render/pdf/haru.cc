#include "render/pdf/haru.h"

// The private headers that hold the structures below; only this file includes them.
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <malloc.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <memory>

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

namespace {

// A stream that reads bytes owned elsewhere (Haru::lend): libharu reads a stream only through
// these functions when it saves.
struct Lent {
  std::string_view bytes;
  std::size_t pos = 0;
};

HPDF_STATUS lent_read(HPDF_Stream stream, HPDF_BYTE* ptr, HPDF_UINT* size) {
  auto* lent = static_cast<Lent*>(stream->attr);
  const std::size_t n = std::min<std::size_t>(*size, lent->bytes.size() - lent->pos);
  std::memcpy(ptr, lent->bytes.data() + lent->pos, n);
  lent->pos += n;
  const bool short_read = n < *size;
  *size = static_cast<HPDF_UINT>(n);
  return short_read ? HPDF_STREAM_EOF : HPDF_OK;
}

HPDF_STATUS lent_seek(HPDF_Stream stream, HPDF_INT pos, HPDF_WhenceMode mode) {
  auto* lent = static_cast<Lent*>(stream->attr);
  const long long base = mode == HPDF_SEEK_SET   ? 0
                         : mode == HPDF_SEEK_CUR ? static_cast<long long>(lent->pos)
                                                 : static_cast<long long>(lent->bytes.size());
  const long long to = base + pos;
  if (to < 0 || to > static_cast<long long>(lent->bytes.size())) return HPDF_STREAM_EOF;
  lent->pos = static_cast<std::size_t>(to);
  return HPDF_OK;
}

HPDF_INT32 lent_tell(HPDF_Stream stream) {
  return static_cast<HPDF_INT32>(static_cast<Lent*>(stream->attr)->pos);
}

HPDF_UINT32 lent_size(HPDF_Stream stream) {
  return static_cast<HPDF_UINT32>(static_cast<Lent*>(stream->attr)->bytes.size());
}

void lent_free(HPDF_Stream stream) { delete static_cast<Lent*>(stream->attr); }

}  // namespace

void Haru::lend(HPDF_Dict stream_dict, std::string_view bytes, std::string_view what) {
  auto lent = std::make_unique<Lent>();
  lent->bytes = bytes;
  HPDF_Stream stream =
      need(HPDF_CallbackReader_New(mmgr(), lent_read, lent_seek, lent_tell, lent_size, lent.get()), what);
  stream->free_fn = lent_free;  // libharu's callback reader would leave `lent` behind
  lent.release();
  HPDF_Stream_Free(stream_dict->stream);
  stream_dict->stream = stream;
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

namespace {

HPDF_STATUS append_to_string(HPDF_Stream stream, const HPDF_BYTE* ptr, HPDF_UINT size) {
  static_cast<std::string*>(stream->attr)->append(reinterpret_cast<const char*>(ptr), size);
  return HPDF_OK;
}

// More than the saved file will take: its streams as they stand plus a generous allowance per
// object for dictionaries and the cross-reference table. Reserved, not touched, so the excess
// costs address space only, while a string grown by doubling would copy the file each time.
std::size_t saved_size_bound(HPDF_Xref xref) {
  std::size_t bound = 4096;
  for (; xref; xref = xref->prev)
    for (HPDF_UINT i = 0; i < xref->entries->count; ++i) {
      auto* entry = static_cast<HPDF_XrefEntry>(HPDF_List_ItemAt(xref->entries, i));
      bound += 1024;
      auto* header = entry && entry->obj ? static_cast<HPDF_Obj_Header*>(entry->obj) : nullptr;
      if (header && (header->obj_class & HPDF_OCLASS_ANY) == HPDF_OCLASS_DICT) {
        auto dict = static_cast<HPDF_Dict>(entry->obj);
        if (dict->stream) bound += HPDF_Stream_Size(dict->stream);
      }
    }
  return bound;
}

}  // namespace

std::string Haru::save(std::size_t spare) {
  // libharu saves into the document's stream when it has one: here a writer that appends to the
  // string (its own memory stream would be a second copy of the whole file).
  // The file is one large block from outside glibc's heaps: pages the heaps hold free (a consumed
  // document's items, write_pdf) are handed back first rather than kept beside it.
  malloc_trim(0);
  std::string out;
  out.reserve(saved_size_bound(doc_->xref) + spare);
  HPDF_Stream sink = need(HPDF_CallbackWriter_New(mmgr(), append_to_string, &out), "save");
  HPDF_Stream_Free(doc_->stream);
  doc_->stream = sink;
  // Checked before the document is freed, which would reset its error. On failure the Haru's
  // destructor frees `sink`, which never touches `out` when freed.
  check(HPDF_SaveToStream(doc_), "save");
  // The document's objects (pages, fonts, pictures' dictionaries) are freed at once rather than
  // with the Haru, so that what the caller does with the file next does not add to them.
  HPDF_FreeDoc(doc_);  // frees `sink` too
  // libharu allocates in small blocks, which glibc keeps in its heap when freed.
  malloc_trim(0);
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
