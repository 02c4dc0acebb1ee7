#include "core/deflate.h"

#include <libdeflate.h>

#include <memory>
#include <new>

namespace tp {

namespace {

// A compressor holds about 1 MB of tables at high levels: one per thread and level is kept, as
// pictures are deflated on all cores and pages one after another.
libdeflate_compressor* compressor_for(int level) {
  struct Free {
    void operator()(libdeflate_compressor* c) const { libdeflate_free_compressor(c); }
  };
  thread_local std::unique_ptr<libdeflate_compressor, Free> compressor;
  thread_local int compressor_level = -1;
  if (!compressor || compressor_level != level) {
    compressor.reset(libdeflate_alloc_compressor(level));
    if (!compressor) throw std::bad_alloc();
    compressor_level = level;
  }
  return compressor.get();
}

// libdeflate writes into a buffer at least as large as its bound (about the input's size). One is
// kept per thread for the many small inputs (page content, fonts); the few large ones (pictures)
// get one taken fresh, without being zero-filled, which a kept buffer would hold to the end.
constexpr size_t kKeptBuffer = 1 << 20;

char* kept_buffer() {
  thread_local std::unique_ptr<char[]> kept;
  if (!kept) kept = std::make_unique_for_overwrite<char[]>(kKeptBuffer);
  return kept.get();
}

size_t compress(libdeflate_compressor* c, std::string_view raw, char* out, size_t bound) {
  const size_t size = libdeflate_zlib_compress(c, raw.data(), raw.size(), out, bound);
  if (size == 0) throw std::bad_alloc();  // cannot happen with the bound; no partial stream escapes
  return size;
}

}  // namespace

std::string zlib_compress(std::string_view raw, int level) {
  libdeflate_compressor* c = compressor_for(level);
  const size_t bound = libdeflate_zlib_compress_bound(c, raw.size());
  if (bound <= kKeptBuffer) {
    char* buffer = kept_buffer();
    return std::string(buffer, compress(c, raw, buffer, bound));
  }
  auto fresh = std::make_unique_for_overwrite<char[]>(bound);
  return std::string(fresh.get(), compress(c, raw, fresh.get(), bound));
}

std::string_view zlib_compress_view(std::string_view raw, int level) {
  libdeflate_compressor* c = compressor_for(level);
  const size_t bound = libdeflate_zlib_compress_bound(c, raw.size());
  if (bound <= kKeptBuffer) {
    char* buffer = kept_buffer();
    return std::string_view(buffer, compress(c, raw, buffer, bound));
  }
  thread_local std::string large;
  large = zlib_compress(raw, level);
  return large;
}

}  // namespace tp
