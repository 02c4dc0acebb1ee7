#include "layout/page_spool.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <type_traits>

#include "core/error.h"
#include "core/write_all.h"

namespace tp::layout {

namespace {

// Bytes gathered before each write(2) and asked of each read(2).
constexpr std::size_t kBlock = 1 << 20;

static_assert(std::is_same_v<std::variant_alternative_t<0, Item>, GlyphRun> &&
                  std::is_same_v<std::variant_alternative_t<1, Item>, ImageItem> &&
                  std::is_same_v<std::variant_alternative_t<2, Item>, RectItem> &&
                  std::is_same_v<std::variant_alternative_t<3, Item>, LineItem> &&
                  std::is_same_v<std::variant_alternative_t<4, Item>, LinkItem>,
              "take() reads the items by these indices");

// Items are stored as their bytes in memory, read back by the same process: no byte order or
// padding to agree on with anyone else.
template <class T>
void put_pod(std::string& out, const T& value) {
  static_assert(std::is_trivially_copyable_v<T>);
  out.append(reinterpret_cast<const char*>(&value), sizeof value);
}

void put_string(std::string& out, const std::string& s) {
  put_pod(out, static_cast<std::uint64_t>(s.size()));
  out += s;
}

// Most runs place every glyph on the pen (no mark offsets): their glyphs are kept without dx and
// dy, at half the size.
struct PlacedGlyph {
  std::uint32_t gid, cluster;
  double advance;
};

void put_glyphs(std::string& out, const std::vector<Glyph>& glyphs) {
  // +0 exactly: a -0 offset must come back as -0.
  const bool placed = std::all_of(glyphs.begin(), glyphs.end(), [](const Glyph& g) {
    return std::bit_cast<std::uint64_t>(g.dx) == 0 && std::bit_cast<std::uint64_t>(g.dy) == 0;
  });
  put_pod(out, static_cast<std::uint64_t>(glyphs.size()));
  put_pod(out, placed);
  if (!placed) {
    out.append(reinterpret_cast<const char*>(glyphs.data()), glyphs.size() * sizeof(Glyph));
    return;
  }
  for (const Glyph& g : glyphs) put_pod(out, PlacedGlyph{g.gid, g.cluster, g.advance});
}

int open_temporary(const std::string& dir) {
  // O_TMPFILE: a file with no name, gone when closed; where the file system lacks it, a named one
  // unlinked at once.
  int fd = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd >= 0 || (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL)) return fd;
  std::string name = dir + "/.threadpdf-pages.XXXXXX";
  fd = ::mkostemp(name.data(), O_CLOEXEC);
  if (fd >= 0) ::unlink(name.c_str());
  return fd;
}

}  // namespace

PageSpool::PageSpool(const std::string& dir, const std::string& input, std::size_t in_memory)
    : dir_(dir), input_(input), in_memory_(in_memory) {
  // Room for everything kept in memory at once: a buffer grown by doubling would copy itself and
  // touch fresh pages at each step. Reserved pages cost nothing until they are written.
  out_.reserve(std::max(in_memory_, kBlock) + kBlock / 4);
}

void PageSpool::fail(const std::string& what, int error) const {
  throw Error(ErrorCode::Output, input_, what + dir_ + ": " + std::strerror(error));
}

PageSpool::~PageSpool() {
  if (fd_ >= 0) ::close(fd_);
}

void PageSpool::put(const std::vector<Item>& items) {
  put_pod(out_, static_cast<std::uint64_t>(items.size()));
  for (const Item& item : items) {
    put_pod(out_, static_cast<std::uint8_t>(item.index()));
    if (const auto* run = std::get_if<GlyphRun>(&item)) {
      put_pod(out_, run->font);
      put_pod(out_, run->size);
      put_pod(out_, run->color);
      put_pod(out_, run->origin);
      put_glyphs(out_, run->glyphs);
      put_string(out_, run->text);
      put_pod(out_, run->invisible);
      put_pod(out_, run->horizontal_scale);
      put_pod(out_, run->stand_in);
      put_pod(out_, run->elem);
    } else if (const auto* link = std::get_if<LinkItem>(&item)) {
      put_pod(out_, link->box);
      put_string(out_, link->uri);
      put_pod(out_, link->dest_page);
      put_pod(out_, link->dest_y);
      put_pod(out_, link->elem);
    } else {
      std::visit(
          [&](const auto& plain) {
            using T = std::decay_t<decltype(plain)>;
            if constexpr (!std::is_same_v<T, GlyphRun> && !std::is_same_v<T, LinkItem>) put_pod(out_, plain);
          },
          item);
    }
  }
  if (out_.size() >= (fd_ < 0 ? in_memory_ : kBlock)) flush();
}

void PageSpool::flush() {
  if (fd_ < 0) {
    fd_ = open_temporary(dir_);
    if (fd_ < 0) fail("cannot make a temporary file for the laid-out pages in ", errno);
  }
  if (const int error = write_all(fd_, out_))
    fail("cannot keep the laid-out pages in a temporary file in ", error);
  written_ += out_.size();
  out_.clear();
}

void PageSpool::fill(std::size_t need) {
  if (in_.size() - in_at_ >= need) return;
  in_.erase(0, in_at_);
  in_at_ = 0;
  while (in_.size() < need) {
    if (fd_ < 0) throw Error(ErrorCode::Internal, input_, "more pages taken than were laid out");
    const std::size_t have = in_.size();
    in_.resize(have + std::max(kBlock, need - have));
    const ssize_t n = ::read(fd_, in_.data() + have, in_.size() - have);
    in_.resize(have + static_cast<std::size_t>(std::max<ssize_t>(n, 0)));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail("cannot read the laid-out pages back from ", errno);
    if (n == 0) throw Error(ErrorCode::Internal, input_, "more pages taken than were laid out");
  }
}

template <class T>
T PageSpool::read() {
  fill(sizeof(T));
  T value;
  std::memcpy(&value, in_.data() + in_at_, sizeof(T));
  in_at_ += sizeof(T);
  return value;
}

void PageSpool::read_glyphs(std::vector<Glyph>& glyphs) {
  const auto count = static_cast<std::size_t>(read<std::uint64_t>());
  const bool placed = read<bool>();
  const std::size_t bytes = count * (placed ? sizeof(PlacedGlyph) : sizeof(Glyph));
  fill(bytes);
  glyphs.resize(count);
  const char* at = in_.data() + in_at_;
  if (!placed) {
    std::memcpy(glyphs.data(), at, bytes);
  } else {
    for (Glyph& g : glyphs) {
      PlacedGlyph p;
      std::memcpy(&p, at, sizeof p);
      at += sizeof p;
      g = {p.gid, p.cluster, 0, 0, p.advance};
    }
  }
  in_at_ += bytes;
}

std::string PageSpool::read_string() {
  const auto size = static_cast<std::size_t>(read<std::uint64_t>());
  fill(size);
  std::string s(in_, in_at_, size);
  in_at_ += size;
  return s;
}

void PageSpool::take(std::vector<Item>& items) {
  if (!reading_) {
    if (fd_ < 0) {
      in_ = std::move(out_);  // never left memory
    } else {
      flush();
      if (::lseek(fd_, 0, SEEK_SET) != 0) fail("cannot read the laid-out pages back from ", errno);
    }
    std::string().swap(out_);
    reading_ = true;
  }
  const auto count = static_cast<std::size_t>(read<std::uint64_t>());
  std::vector<Item> page;
  page.reserve(count + items.size());
  for (std::size_t i = 0; i < count; ++i) {
    switch (read<std::uint8_t>()) {
      case 0: {
        GlyphRun run;
        run.font = read<int>();
        run.size = read<double>();
        run.color = read<Color>();
        run.origin = read<Point>();
        read_glyphs(run.glyphs);
        run.text = read_string();
        run.invisible = read<bool>();
        run.horizontal_scale = read<double>();
        run.stand_in = read<bool>();
        run.elem = read<int>();
        page.emplace_back(std::move(run));
        break;
      }
      case 1:
        page.emplace_back(read<ImageItem>());
        break;
      case 2:
        page.emplace_back(read<RectItem>());
        break;
      case 3:
        page.emplace_back(read<LineItem>());
        break;
      case 4: {
        LinkItem link;
        link.box = read<Rect>();
        link.uri = read_string();
        link.dest_page = read<int>();
        link.dest_y = read<double>();
        link.elem = read<int>();
        page.emplace_back(std::move(link));
        break;
      }
      default:
        throw Error(ErrorCode::Internal, input_, "the laid-out pages came back damaged");
    }
  }
  for (Item& item : items) page.push_back(std::move(item));
  items = std::move(page);
}

}  // namespace tp::layout
