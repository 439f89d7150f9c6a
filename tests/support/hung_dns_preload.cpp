// Preloaded into a tradehost under test (LD_PRELOAD): a lookup of "hung-dns.invalid" blocks for
// 60 s in getaddrinfo, as a lookup does when the network's DNS server stops answering; any other
// name goes to the real getaddrinfo. No test reaches a real DNS server.
#include <dlfcn.h>
#include <netdb.h>
#include <unistd.h>

#include <cstring>

extern "C" int getaddrinfo(const char* node, const char* service, const addrinfo* hints, addrinfo** res) {
  if (node != nullptr && std::strcmp(node, "hung-dns.invalid") == 0) {
    sleep(60);
    return EAI_AGAIN;
  }
  using Real = int (*)(const char*, const char*, const addrinfo*, addrinfo**);
  auto real = reinterpret_cast<Real>(dlsym(RTLD_NEXT, "getaddrinfo"));
  return real(node, service, hints, res);
}
