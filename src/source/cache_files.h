// The cache folder as files: which of them are threadpdf's, how large they are together, and the
// two ways they go away (eviction of the least recently used, --clear-cache). Only files whose
// names the cache itself makes are ever counted or removed, so a --cache-dir pointing at a folder
// with other files in it loses none of them.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace tp::source {

// A cache entry's file name: 64 lower-case hex digits (the SHA-256 of its URL).
bool is_entry_name(const std::string& name);

// The bytes held by the entries in `dir` (0 when it does not exist).
std::uintmax_t entries_size(const std::filesystem::path& dir);

// Removes entries from `dir`, the least recently used first (oldest modification time; ties by
// name), until the rest hold at most `target` bytes. Returns the bytes the rest hold. An entry
// another process removes or replaces meanwhile is simply skipped; a reader that has an entry open
// keeps reading it (POSIX unlink), so eviction never breaks a running fetch.
std::uintmax_t evict_lru(const std::filesystem::path& dir, std::uintmax_t target);

// Removes every entry of `dir`, left-over temporary files of interrupted stores and saved login
// sessions (sessions/). Returns how many files it removed. Throws Error(Input, dir, …) when a
// file cannot be removed.
std::size_t clear_cache(const std::filesystem::path& dir);

}  // namespace tp::source
