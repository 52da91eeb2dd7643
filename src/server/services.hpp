#pragma once
// A directory of the interfaces modules offer each other (declared in their public headers), so that one module
// can call another without reaching into its sources: the provider registers a pointer while it is built, a
// consumer looks it up in Start() (when every module exists). Pointers stay valid until the modules are stopped.
#include <typeindex>
#include <typeinfo>
#include <unordered_map>

namespace precinct::server {

class ServiceDirectory {
public:
    template <class Interface>
    void Provide(Interface* service) {
        services_[std::type_index(typeid(Interface))] = service;
    }
    // The registered implementation, or nullptr when no module offers it (for example, it is disabled).
    template <class Interface>
    Interface* Find() const {
        const auto it = services_.find(std::type_index(typeid(Interface)));
        return it == services_.end() ? nullptr : static_cast<Interface*>(it->second);
    }

private:
    std::unordered_map<std::type_index, void*> services_;
};

}  // namespace precinct::server
