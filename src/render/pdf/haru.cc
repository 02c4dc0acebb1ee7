#include "render/pdf/haru.h"

// The private headers that hold the structures below; only this file includes them.
#include <hpdf_doc.h>
#include <hpdf_list.h>
#include <hpdf_mmgr.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <exception>
#include <memory>
#include <vector>

#include "core/deflate.h"
#include "core/error.h"
#include "core/format.h"
#include "render/pdf/pdfa.h"
#include "render/pdf/text_map.h"

// The fields used here (HPDF_Doc_Rec's mmgr, xref, catalog, info and pdf_version; HPDF_PageAttr's
// contents; HPDF_Dict_Rec's list, stream, filter, write_fn and mmgr; the object header's obj_class
// and obj_id; HPDF_Name_Rec's and HPDF_String_Rec's value and len; HPDF_Xref_Rec's entries, prev,
// start_offset and trailer; HPDF_XrefEntry_Rec's entry_typ, byte_offset, gen_no and obj; the
// version header strings of hpdf_doc.c) were read from libharu 2.3.0. Another
// version may move or rename them without a compiler error: re-read them in its headers, then
// change the number.
static_assert(HPDF_VERSION_ID == 20300, "libharu's private structures used in haru.cc were read from 2.3.0");

namespace tp::render::pdf {

struct Haru::Output {
  explicit Output(PdfSink& s) : sink(s) { buffer.reserve(kBuffer); }

  // Bytes of the file, in order: handed to the sink and hashed for the /ID in large pieces
  // (libharu writes a dictionary a token at a time, and each hash update has a cost of its own).
  void put(std::string_view bytes) {
    offset += bytes.size();
    buffer.append(bytes);
    if (buffer.size() >= kBuffer) drain();
  }
  void drain() {
    if (buffer.empty()) return;
    id.update(buffer);
    sink.write(buffer);
    buffer.clear();
  }

  static constexpr std::size_t kBuffer = 64 * 1024;
  PdfSink& sink;
  DocumentId id;
  std::string buffer;
  std::size_t offset = 0;
  std::vector<bool> written;  // by object number
  std::exception_ptr error;   // what the sink threw inside a libharu call
  HPDF_Stream stream = nullptr;
};

Haru::Haru() {
  // The handler only records: libharu's default handler is absent and its examples longjmp, which
  // would skip C++ destructors. Every call's status is checked where it is made.
  doc_ = HPDF_NewEx(&Haru::on_error, nullptr, nullptr, 0, &error_);
  if (!doc_) throw Error(ErrorCode::Internal, "pdf", "libharu cannot create a document");
}

Haru::~Haru() {
  if (out_ && out_->stream) HPDF_Stream_Free(out_->stream);
  HPDF_Free(doc_);
}

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

void Haru::write_deflated(HPDF_Dict stream_dict, std::string_view bytes, std::string_view what, int level) {
  declare_flate(stream_dict);
  write(stream_of(stream_dict), zlib_compress_view(bytes, level), what);
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

void Haru::reserve(HPDF_Array array, std::size_t items) {
  HPDF_List list = array->list;
  // The next growth, when the list is full, is by items_per_block (HPDF_List_Add).
  if (items > list->count)
    list->items_per_block = std::max(list->items_per_block, static_cast<HPDF_UINT>(items - list->count));
}

void Haru::add_real(HPDF_Array array, double value) {
  check(HPDF_Array_AddReal(array, static_cast<HPDF_REAL>(value)), "add number");
}

namespace {

HPDF_STATUS append_to_string(HPDF_Stream stream, const HPDF_BYTE* ptr, HPDF_UINT size) {
  static_cast<std::string*>(stream->attr)->append(reinterpret_cast<const char*>(ptr), size);
  return HPDF_OK;
}

HPDF_STATUS put_to_output(HPDF_Stream stream, const HPDF_BYTE* ptr, HPDF_UINT size) {
  auto* out = static_cast<Haru::Output*>(stream->attr);
  // An exception must not unwind through libharu's C frames: it is kept and rethrown once
  // libharu has returned its failure.
  try {
    out->put(std::string_view(reinterpret_cast<const char*>(ptr), size));
  } catch (...) {
    out->error = std::current_exception();
    return HPDF_FILE_IO_ERROR;
  }
  return HPDF_OK;
}

// The header libharu writes for a version (hpdf_doc.c's HPDF_VERSION_STR): the comment's four
// bytes above 127 tell transfer programs that the file is binary (7.5.2).
constexpr const char* kHeaders[] = {"%PDF-1.2\n%\267\276\255\252\n", "%PDF-1.3\n%\267\276\255\252\n",
                                    "%PDF-1.4\n%\267\276\255\252\n", "%PDF-1.5\n%\267\276\255\252\n",
                                    "%PDF-1.6\n%\267\276\255\252\n", "%PDF-1.7\n%\267\276\255\252\n"};

}  // namespace

void Haru::check_output(HPDF_STATUS status) {
  if (out_->error) std::rethrow_exception(out_->error);
  check(status, "save");
}

void Haru::begin(PdfSink& sink) {
  out_ = std::make_unique<Output>(sink);
  out_->stream = need(HPDF_CallbackWriter_New(mmgr(), put_to_output, out_.get()), "save");
  const auto version = static_cast<std::size_t>(doc_->pdf_version);
  if (version >= std::size(kHeaders)) fail("PDF version");
  out_->put(kHeaders[version]);
}

namespace {

// The bytes of a memory stream, in its buffers' order.
std::string bytes_of(HPDF_Stream stream) {
  std::string out;
  out.reserve(HPDF_Stream_Size(stream));
  for (HPDF_UINT i = 0, n = HPDF_MemStream_GetBufCount(stream); i < n; ++i) {
    HPDF_UINT len = 0;
    const HPDF_BYTE* p = HPDF_MemStream_GetBufPtr(stream, i, &len);
    out.append(reinterpret_cast<const char*>(p), len);
  }
  return out;
}

}  // namespace

bool Haru::deflate_for_libharu(void* obj, std::string& deflated) {
  if (class_of(obj) != HPDF_OCLASS_DICT) return false;
  auto dict = static_cast<HPDF_Dict>(obj);
  // Only a plain /FlateDecode stream in memory: /DecodeParms and filter chains are written by
  // libharu from `filter` itself, and declare_flate needs the write hook.
  if (!dict->stream || dict->filter != HPDF_STREAM_FILTER_FLATE_DECODE || dict->filterParams ||
      dict->write_fn || dict->stream->type != HPDF_STREAM_MEMORY)
    return false;
  deflated = zlib_compress(bytes_of(dict->stream));
  declare_flate(dict);
  lend(dict, deflated, "stream");
  return true;
}

void Haru::write_object(HPDF_UINT id, void* entry_ptr) {
  auto* entry = static_cast<HPDF_XrefEntry>(entry_ptr);
  // libharu would compress a stream handed to it raw (HPDF_LoadRawImageFromMem's pixels) with
  // zlib while writing it; it is compressed with libdeflate at our level instead (core/deflate.h),
  // about twice as fast. The deflated bytes are lent to the stream only while it is written: no
  // one reads a stream again after that.
  std::string deflated;
  deflate_for_libharu(entry->obj, deflated);
  open_object(id, entry);
  check_output(HPDF_Obj_WriteValue(entry->obj, out_->stream, nullptr));
  close_object(id);
}

void* Haru::entry_of(HPDF_UINT id, std::string_view what) {
  // By index: HPDF_Xref_GetEntryByObjectId's range check is inverted in 2.3.0 (it fails for every
  // object that exists). The document has one table, starting at object 0 (finish() checks).
  void* entry = id < xref()->entries->count ? HPDF_List_ItemAt(xref()->entries, id) : nullptr;
  if (!entry) fail(what);
  return entry;
}

void Haru::open_object(HPDF_UINT id, void* entry_ptr) {
  auto* entry = static_cast<HPDF_XrefEntry>(entry_ptr);
  entry->byte_offset = static_cast<HPDF_UINT>(out_->offset);
  out_->put(std::to_string(id) + ' ' + std::to_string(entry->gen_no) + " obj\n");
}

void Haru::close_object(HPDF_UINT id) {
  out_->put("\nendobj\n");
  if (out_->written.size() <= id) out_->written.resize(id + 1024);
  out_->written[id] = true;
}

void Haru::flush(void* obj) {
  if (!out_ || !obj) return;
  auto* header = static_cast<HPDF_Obj_Header*>(obj);
  if (!(header->obj_id & HPDF_OTYPE_INDIRECT)) fail("write a direct object on its own");
  const HPDF_UINT id = header->obj_id & 0x00FFFFFF;
  if (id < out_->written.size() && out_->written[id]) return;
  write_object(id, entry_of(id, "object not in the cross-reference table"));
  if (class_of(obj) != HPDF_OCLASS_DICT) return;
  auto dict = static_cast<HPDF_Dict>(obj);
  // A stream's /Length is an indirect number whose value writing the stream just set.
  void* length = dict->stream ? find(dict, "Length") : nullptr;
  // What HPDF_Dict_Free does, short of freeing the dictionary itself (and its free_fn's data:
  // a page keeps its attributes for HPDF_Page_Validate).
  for (HPDF_UINT i = 0; i < dict->list->count; ++i) {
    auto* element = static_cast<HPDF_DictElement>(HPDF_List_ItemAt(dict->list, i));
    HPDF_Obj_Free(dict->mmgr, element->value);
    HPDF_FreeMem(dict->mmgr, element);
  }
  HPDF_List_Clear(dict->list);
  if (dict->stream) HPDF_Stream_Free(dict->stream);
  dict->stream = nullptr;
  if (length && (static_cast<HPDF_Obj_Header*>(length)->obj_id & HPDF_OTYPE_INDIRECT)) flush(length);
}

void* Haru::new_raw_object() {
  HPDF_Number placeholder = need(HPDF_Number_New(mmgr(), 0), "new object");
  // HPDF_Xref_Add frees the object itself when it fails.
  check(HPDF_Xref_Add(xref(), placeholder), "register object");
  return placeholder;
}

void Haru::write_raw(void* raw_object, std::string_view body) {
  if (!out_) fail("write an object before the file is begun");
  auto* header = static_cast<HPDF_Obj_Header*>(raw_object);
  const HPDF_UINT id = header->obj_id & 0x00FFFFFF;
  auto* entry = static_cast<HPDF_XrefEntry>(entry_of(id, "object not in the cross-reference table"));
  if (entry->obj != raw_object) fail("object not in the cross-reference table");
  if (id < out_->written.size() && out_->written[id]) fail("object written twice");
  open_object(id, entry);
  out_->put(body);
  close_object(id);
}

std::string Haru::ref(const void* indirect_object) {
  auto* header = static_cast<const HPDF_Obj_Header*>(indirect_object);
  return std::to_string(header->obj_id & 0x00FFFFFF) + ' ' + std::to_string(header->gen_no) + " R";
}

std::string Haru::hex_string(std::string_view bytes) {
  std::string out = "<";
  for (unsigned char c : bytes) append_hex(out, c, 2);
  return out + ">";
}

std::string Haru::literal_string(std::string_view ascii) {
  std::string out = "(";
  for (char c : ascii) {
    if (c == '(' || c == ')' || c == '\\') out += '\\';
    out += c;
  }
  return out + ")";
}

std::string Haru::text_string(std::string_view utf8) {
  // Hex straight from the UTF-16 units: the same digits hex_string gives for their bytes, without
  // the byte string between (every string of a link and of an outline entry passes here).
  return "<" + hex_utf16be_with_bom(utf16_of(utf8)) + ">";
}

std::size_t Haru::finish() {
  if (!out_) fail("save before begin");
  HPDF_Xref x = xref();
  if (x->prev || x->start_offset != 0) fail("save an incremental cross-reference table");
  check(HPDF_Dict_Add(x->trailer, "Root", catalog()), "trailer /Root");
  check(HPDF_Dict_Add(x->trailer, "Info", info()), "trailer /Info");
  const HPDF_UINT count = x->entries->count;
  for (HPDF_UINT id = 1; id < count; ++id) {
    if (id < out_->written.size() && out_->written[id]) continue;
    write_object(id, HPDF_List_ItemAt(x->entries, id));
  }
  // The cross-reference table as hpdf_xref.c writes it: 20-byte entries ending in CR LF (7.5.4).
  const std::size_t xref_at = out_->offset;
  std::string table = "xref\n0 " + std::to_string(count) + "\n";
  table.reserve(table.size() + 20 * std::size_t{count});
  for (HPDF_UINT id = 0; id < count; ++id) {
    auto* entry = static_cast<HPDF_XrefEntry>(HPDF_List_ItemAt(x->entries, id));
    // "%010u %05u %c\r\n" without snprintf: an offset (32 bits) has at most 10 digits and a
    // generation (16 bits) at most 5.
    char line[] = "0000000000 00000 n\r\n";
    line[17] = entry->entry_typ;
    for (unsigned v = entry->byte_offset, d = 10; v != 0; v /= 10)
      line[--d] = static_cast<char>('0' + v % 10);
    for (unsigned v = entry->gen_no, d = 16; v != 0; v /= 10) line[--d] = static_cast<char>('0' + v % 10);
    table.append(line, 20);
  }
  out_->put(table);
  check(HPDF_Dict_AddNumber(x->trailer, "Size", static_cast<HPDF_INT32>(count)), "trailer /Size");
  std::string trailer;
  HPDF_Stream to_string = need(HPDF_CallbackWriter_New(mmgr(), append_to_string, &trailer), "trailer");
  const HPDF_STATUS written = HPDF_Dict_Write(x->trailer, to_string, nullptr);
  HPDF_Stream_Free(to_string);
  check(written, "trailer");
  const std::string tail = "\nstartxref\n" + std::to_string(xref_at) + "\n%%EOF\n";
  // The /ID is the hash of the file without it, so it goes in last: first in the trailer's entries,
  // where inserting it moves no offset.
  out_->drain();  // everything before the trailer, hashed
  out_->id.update("trailer\n");
  out_->id.update(trailer);
  out_->id.update(tail);
  const std::string id_entry = out_->id.entry();
  if (trailer.compare(0, 3, "<<\n") != 0) fail("trailer");
  const std::string last = "trailer\n<<\n" + id_entry + trailer.substr(3) + tail;
  out_->offset += last.size();
  out_->sink.write(last);
  // The document's objects are freed at once rather than with the Haru, so that what the caller
  // does next reuses their memory. They are not handed back to the system (malloc_trim): glibc
  // reuses them for the next thread of a batch, and trimming here lowered no measured peak (the
  // 20,000-post thread and the 500-thread packet, bench/README.md) while costing the madvise calls
  // and the page faults of memory touched again.
  HPDF_Stream_Free(out_->stream);
  out_->stream = nullptr;
  HPDF_FreeDoc(doc_);
  return out_->offset;
}

std::string utf16be_with_bom(std::string_view utf8) {
  const std::u16string units = utf16_of(utf8);
  std::string out;
  out.reserve(2 + 2 * units.size());
  out += "\xFE\xFF";
  for (char16_t u : units) {
    out += static_cast<char>(u >> 8);
    out += static_cast<char>(u & 0xFF);
  }
  return out;
}

}  // namespace tp::render::pdf
