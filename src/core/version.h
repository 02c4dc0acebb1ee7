// threadpdf's version: project(VERSION) of the top CMakeLists.txt, compiled into version.cc alone,
// so that --version, the PDFs' /Creator, manifests, the man page and the HTTP user agent agree.
#pragma once

namespace tp {

extern const char kVersion[];   // "0.1.0"
extern const char kCreator[];   // "threadpdf 0.1.0": what --version prints and PDFs name as their creator
extern const char kHomePage[];  // project(HOMEPAGE_URL): named in the HTTP User-Agent

}  // namespace tp
