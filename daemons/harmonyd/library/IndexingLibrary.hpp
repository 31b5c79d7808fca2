#pragma once

#include "hdm/Library.hpp"
#include "library/LibraryIndexer.hpp"

namespace harmony::harmonyd::library {

// The download manager's Library with the index told about every filed file: a decorator, so
// the download domain does not know the index exists.
class IndexingLibrary final : public hdm::Library {
 public:
  IndexingLibrary(hdm::Library& inner, FilingObserver& observer)
      : m_inner(inner), m_observer(observer) {}

  Result<std::string> locate(const slskd::SearchFile& file) override {
    return m_inner.locate(file);
  }
  Result<void> verify(const std::string& path, std::int64_t expected_size,
                      const hdm::TrackRequest& request) override {
    return m_inner.verify(path, expected_size, request);
  }
  Result<void> tag(const std::string& path, const hdm::TrackRequest& request) override {
    return m_inner.tag(path, request);
  }
  Result<std::string> plan(const hdm::TrackRequest& request,
                           const std::string& extension) override {
    return m_inner.plan(request, extension);
  }
  Result<std::string> file(const std::string& source, const std::string& planned) override {
    auto filed = m_inner.file(source, planned);
    if (filed) {
      m_observer.filed(*filed);
    }
    return filed;
  }

 private:
  hdm::Library& m_inner;
  FilingObserver& m_observer;
};

}  // namespace harmony::harmonyd::library
