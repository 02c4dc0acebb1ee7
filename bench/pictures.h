// What the generator draws: varied pictures for the benchmark thread (each with an alt text that
// describes it), avatars, and three illustrations for the example threads.
#pragma once

#include <string>

#include "core/raster.h"
#include "prng.h"

namespace tp::bench {

struct Picture {
  Raster raster;    // Rgb8 or Rgba8
  std::string alt;  // one sentence describing what is drawn
};

// Soft gradients, blurred light and hills: a photograph's kind of content, for JPEG.
Picture photo_like(Prng& rng, int width, int height);
// Flat colors with sharp edges (charts, a screenshot of a page): a PNG's kind of content.
Picture diagram_like(Prng& rng, int width, int height);

// A round avatar on a transparent background with a stroke letter (A K M N T V) in the middle.
Raster avatar(int size, double hue, char letter);

// Illustrations for example threads.
Raster paper_sizes_diagram();  // A-series sheets, each half of the one before, labelled A1..A6
Raster sunset_landscape();     // sky gradient, sun, mountain ridges and water
// Custom emoji for the examples (64 x 64, transparent around the motif).
Raster emoji_sheet();  // a white sheet with a folded corner, "A4" on it
Raster emoji_globe();  // a blue globe with meridians and a parallel

}  // namespace tp::bench
