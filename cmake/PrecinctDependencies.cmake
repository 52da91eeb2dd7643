# Every third-party dependency comes from a Debian 12 package (see scripts/setup).
find_package(Threads REQUIRED)
find_package(Boost 1.74 REQUIRED COMPONENTS system)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(tl-expected REQUIRED)
find_package(fmt REQUIRED)
find_package(spdlog REQUIRED)
find_package(CLI11 REQUIRED)
find_package(tomlplusplus REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(ICU 72 REQUIRED COMPONENTS uc)  # Unicode normalization of Vietnamese text (src/text)
find_library(ARGON2_LIBRARY NAMES argon2 REQUIRED)
find_path(ARGON2_INCLUDE_DIR NAMES argon2.h REQUIRED)
add_library(precinct_argon2 INTERFACE)
target_link_libraries(precinct_argon2 INTERFACE ${ARGON2_LIBRARY})
target_include_directories(precinct_argon2 SYSTEM INTERFACE ${ARGON2_INCLUDE_DIR})
if(PRECINCT_TESTS)
  find_package(GTest REQUIRED)
endif()
if(PRECINCT_BENCH AND NOT PRECINCT_FUZZ)
  find_package(benchmark REQUIRED)
endif()

# OpenCV, the parts Debian splits out for image files (libopencv-{core,imgproc,imgcodecs}-dev ship no CMake
# package of their own; only the libopencv-dev meta-package does).
find_path(OPENCV_INCLUDE_DIR NAMES opencv2/core.hpp PATH_SUFFIXES opencv4 REQUIRED)
add_library(precinct_opencv INTERFACE)
target_include_directories(precinct_opencv SYSTEM INTERFACE ${OPENCV_INCLUDE_DIR})
foreach(part core imgproc imgcodecs)
  find_library(OPENCV_${part}_LIBRARY NAMES opencv_${part} REQUIRED)
  target_link_libraries(precinct_opencv INTERFACE ${OPENCV_${part}_LIBRARY})
endforeach()
# Camera AI (modules/vision): neural networks (dnn) and video files and streams through FFmpeg (videoio).
add_library(precinct_opencv_dnn INTERFACE)
target_link_libraries(precinct_opencv_dnn INTERFACE precinct_opencv)
foreach(part dnn videoio)
  find_library(OPENCV_${part}_LIBRARY NAMES opencv_${part} REQUIRED)
  target_link_libraries(precinct_opencv_dnn INTERFACE ${OPENCV_${part}_LIBRARY})
endforeach()

# Document digitization (modules/digitize): Tesseract 5 (C++ API), Leptonica, libtiff, qpdf (scans embedded in
# PDFs) and poppler's C++ API (other PDF pages),
# zlib for the streams of the PDFs we write, and libgomp to switch Tesseract's OpenMP threading off (Debian builds
# Tesseract with OpenMP; pages are processed in parallel instead).
find_package(PkgConfig REQUIRED)
pkg_check_modules(TESSERACT REQUIRED IMPORTED_TARGET tesseract>=5)
pkg_check_modules(LEPTONICA REQUIRED IMPORTED_TARGET lept)
pkg_check_modules(POPPLER_CPP REQUIRED IMPORTED_TARGET poppler-cpp)
pkg_check_modules(LIBTIFF REQUIRED IMPORTED_TARGET libtiff-4)
pkg_check_modules(QPDF REQUIRED IMPORTED_TARGET libqpdf)
find_package(ZLIB REQUIRED)
find_library(GOMP_LIBRARY NAMES gomp libgomp.so.1 REQUIRED)
add_library(precinct_ocr_deps INTERFACE)
target_link_libraries(precinct_ocr_deps INTERFACE PkgConfig::TESSERACT PkgConfig::LEPTONICA PkgConfig::POPPLER_CPP
                      PkgConfig::LIBTIFF PkgConfig::QPDF ZLIB::ZLIB ${GOMP_LIBRARY})

# Chip ID cards (modules/identity): zxing-cpp for the QR code on the card, OpenJPEG for JPEG 2000 face images,
# pcsclite for real PC/SC card readers.
pkg_check_modules(ZXING REQUIRED IMPORTED_TARGET zxing)
pkg_check_modules(OPENJP2 REQUIRED IMPORTED_TARGET libopenjp2)
pkg_check_modules(PCSCLITE REQUIRED IMPORTED_TARGET libpcsclite)
