# The dependency rule of src/, checked on every #include line (cmake -P, run by CTest): a stage
# folder may include only the folders listed for it, and a library's headers appear only where
# that library is wrapped. Prints every edge that is not allowed as FILE:LINE and fails.
# libharu's private structures are reachable through <hpdf.h> itself, so their fields are also
# looked for by name in the backend's files: only render/pdf/haru.cc may touch them.
# The environment is read in one place (app/run.cc's process_environment) and passed down: getenv
# and environ anywhere else in code (comments aside) is a breach too.
# Usage: cmake -DSRC=<src folder> -P check_includes.cmake

# Project headers: folder -> folders it may include (itself always).
set(allow_core "")
set(allow_model "core")
set(allow_parse "core;model")
set(allow_source "core;model;parse")
set(allow_media "core;model")
set(allow_text "core")
set(allow_layout "core;model;media;text")
# The backend sees the display list and nothing else of layout, and never the model.
set(allow_render "core;layout/display_list.h")
# The PDF as an archive: reads PDFs back (libqpdf), hashes, signs; never the layout or the backend.
set(allow_evidence "core;model;source;layout/display_list.h")
set(allow_app "core;model;parse;source;media;text;layout;render;evidence")

# Library headers (a regular expression on the name inside <>) -> the only paths, relative to
# src/, that may include them (regular expressions on the file's path).
set(libs hpdf_private hpdf harfbuzz freetype icu gumbo pictures zlib hyphen curl cxxopts qpdf openssl)
set(lib_hpdf_private "^hpdf_(doc|pages|objects|conf|consts|types|streams|list|mmgr|encrypt|encoder|fontdef|font|image|outline|destination|annotation|ext_gstate|namedict|pdfa|utils|3dmeasure|exdata|u3d|info|catalog|gstate)\\.h$")
set(where_hpdf_private "^render/pdf/haru\\.cc$")
set(lib_hpdf "^hpdf\\.h$")
set(where_hpdf "^render/pdf/")
set(lib_harfbuzz "^hb(-[a-z]+)?\\.h$")
set(where_harfbuzz "^(text|render/pdf)/")
set(lib_freetype "^(ft2build\\.h|freetype/)")
set(where_freetype "^text/")
set(lib_icu "^unicode/")
set(where_icu "^(text|layout|parse)/")
set(lib_gumbo "^gumbo\\.h$")
set(where_gumbo "^parse/")
set(lib_pictures "^(png\\.h|jpeglib\\.h|webp/|gif_lib\\.h)")
set(where_pictures "^media/")
set(lib_zlib "^zlib\\.h$")
set(where_zlib "^media/")
set(lib_hyphen "^hyphen\\.h$")
set(where_hyphen "^text/")
set(lib_curl "^curl/")
set(where_curl "^source/curl_library\\.h$")
set(lib_cxxopts "^cxxopts\\.hpp$")
set(lib_qpdf "^qpdf/")
set(where_qpdf "^evidence/")
# OpenSSL: hashes (source/sha256.cc; the PDF's /ID in render/pdf/pdfa.cc), CMS and timestamps.
set(lib_openssl "^openssl/")
set(where_openssl "^(source/sha256\\.cc|render/pdf/pdfa\\.cc|evidence/)")
set(where_cxxopts "^app/options\\.cc$")

# Fields of libharu's structures (hpdf_doc.h, hpdf_pages.h, hpdf_objects.h) that haru.cc wraps,
# as they appear after -> or . in code; forbidden in the files below other than the one wrapper.
set(hpdf_fields "(->|\\.)(attr|pdf_version|write_fn|filter|obj_class|mmgr|xref|catalog|info|list|stream|contents|obj)([^A-Za-z0-9_(]|$)")
set(hpdf_field_files "^render/pdf/")
set(hpdf_field_owner "^render/pdf/haru\\.cc$")

# Reading the process environment, and the one file that may (app/environment.h says why).
set(env_reads "(^|[^A-Za-z0-9_])(secure_getenv|getenv|environ)([^A-Za-z0-9_]|$)")
set(env_owner "^app/run\\.cc$")

if(NOT SRC)
  message(FATAL_ERROR "usage: cmake -DSRC=<src folder> -P check_includes.cmake")
endif()
file(GLOB_RECURSE files RELATIVE ${SRC} ${SRC}/*.cc ${SRC}/*.h)
list(SORT files)
set(bad 0)
foreach(rel IN LISTS files)
  string(REGEX MATCH "^[^/]+" stage "${rel}")
  # One list element per line: semicolons (list separators to CMake) are taken out first.
  file(READ ${SRC}/${rel} content)
  string(REPLACE ";" "," content "${content}")
  string(REPLACE "\n" ";" lines "${content}")
  set(n 0)
  foreach(line IN LISTS lines)
    math(EXPR n "${n} + 1")
    if(line MATCHES "^[ \t]*#[ \t]*include[ \t]*\"([^\"]+)\"")
      set(target "${CMAKE_MATCH_1}")
      string(REGEX MATCH "^[^/]+" to "${target}")
      set(ok FALSE)
      if(to STREQUAL stage OR NOT target MATCHES "/")
        set(ok TRUE)
      else()
        foreach(allowed IN LISTS allow_${stage})
          if(target STREQUAL allowed OR to STREQUAL allowed)
            set(ok TRUE)
          endif()
        endforeach()
      endif()
      if(NOT ok)
        message("src/${rel}:${n}: ${stage}/ may not include \"${target}\"")
        math(EXPR bad "${bad} + 1")
      endif()
    elseif(rel MATCHES "${hpdf_field_files}" AND NOT rel MATCHES "${hpdf_field_owner}"
           AND NOT line MATCHES "^[ \t]*//" AND line MATCHES "${hpdf_fields}")
      message("src/${rel}:${n}: libharu's private field \"${CMAKE_MATCH_2}\" may be used only in render/pdf/haru.cc (add a Haru method)")
      math(EXPR bad "${bad} + 1")
    elseif(line MATCHES "^[ \t]*#[ \t]*include[ \t]*<([^>]+)>")
      set(header "${CMAKE_MATCH_1}")
      foreach(lib IN LISTS libs)
        if(header MATCHES "${lib_${lib}}" AND NOT rel MATCHES "${where_${lib}}")
          message("src/${rel}:${n}: <${header}> (${lib}) may be included only where ${where_${lib}}")
          math(EXPR bad "${bad} + 1")
        endif()
      endforeach()
    endif()
    string(REGEX REPLACE "//.*" "" code "${line}")
    if(NOT rel MATCHES "${env_owner}" AND code MATCHES "${env_reads}")
      message("src/${rel}:${n}: ${CMAKE_MATCH_2}: only app/run.cc reads the environment; take the variable from app::Environment")
      math(EXPR bad "${bad} + 1")
    endif()
  endforeach()
endforeach()
if(bad GREATER 0)
  message(FATAL_ERROR "${bad} lines break the dependency rule (tests/boundaries/check_includes.cmake)")
endif()
list(LENGTH files count)
message("${count} files of src/ follow the dependency rule")
