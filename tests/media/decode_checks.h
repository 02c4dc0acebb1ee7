// Decoding checks shared by the decoder tests: a picture that must decode, and one that must not.
#pragma once

#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "core/raster.h"
#include "media/media.h"

namespace tp::test {

// Decodes `bytes`, which must succeed with no error and a buffer of the right size.
inline std::shared_ptr<const Raster> decode_ok(const std::string& bytes) {
  std::string error;
  auto r = media::decode(bytes, error);
  INFO("error: " << error);
  REQUIRE(r);
  CHECK(error.empty());
  CHECK(r->data.size() == static_cast<size_t>(r->width) * r->height * r->channels());
  return r;
}

// Decodes `bytes`, which must fail; returns the error text.
inline std::string decode_error(const std::string& bytes) {
  std::string error;
  auto r = media::decode(bytes, error);
  CHECK_FALSE(r);
  return error;
}

}  // namespace tp::test
