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
  std::string out;
  // The bound is as large as the input; the string is shrunk to what was written, and its
  // characters are never read before libdeflate writes them.
  const size_t bound = libdeflate_zlib_compress_bound(compressor.get(), raw.size());
  out.resize(bound);
  const size_t size = libdeflate_zlib_compress(compressor.get(), raw.data(), raw.size(), out.data(), bound);
  if (size == 0) throw std::bad_alloc();  // cannot happen with the bound; no partial stream escapes
  out.resize(size);
  out.shrink_to_fit();
  return out;
}

}  // namespace tp
