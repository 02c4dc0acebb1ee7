#include "core/deflate.h"

#include <libdeflate.h>

#include <memory>
#include <new>

namespace tp {

std::string zlib_compress(std::string_view raw, int level) {
  // A compressor holds about 1 MB of tables at high levels: one per thread and level is kept, as
  // pictures are deflated on all cores and pages one after another.
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
  // libdeflate writes into a buffer at least as large as its bound (about the input's size);
  // what it wrote is then copied into a string of exactly that size. The buffer is kept per
  // thread for the many small inputs (page content, fonts) and taken fresh, without being
  // zero-filled, for the few large ones (pictures), which a kept buffer would hold to the end.
  constexpr size_t kKeptBuffer = 1 << 20;
  thread_local std::unique_ptr<char[]> kept;
  const size_t bound = libdeflate_zlib_compress_bound(compressor.get(), raw.size());
  std::unique_ptr<char[]> fresh;
  char* buffer;
  if (bound <= kKeptBuffer) {
    if (!kept) kept = std::make_unique_for_overwrite<char[]>(kKeptBuffer);
    buffer = kept.get();
  } else {
    fresh = std::make_unique_for_overwrite<char[]>(bound);
    buffer = fresh.get();
  }
  const size_t size = libdeflate_zlib_compress(compressor.get(), raw.data(), raw.size(), buffer, bound);
  if (size == 0) throw std::bad_alloc();  // cannot happen with the bound; no partial stream escapes
  return std::string(buffer, size);
}

}  // namespace tp
