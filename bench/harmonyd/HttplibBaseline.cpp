// The baseline for the HTTP benchmark: a bare cpp-httplib server answering the same JSON with
// the same worker count, without harmonyd's routing and middleware.
// Usage: httplib_baseline_server PORT
#include <httplib.h>

#include <cstdlib>

int main(int argc, char** argv) {
  httplib::Server server;
  server.new_task_queue = [] { return new httplib::ThreadPool(16); };
  server.set_tcp_nodelay(true);  // as harmonyd does
  server.Get("/api/health/live", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"status":"ok"})", "application/json");
  });
  return server.listen("127.0.0.1", argc > 1 ? std::atoi(argv[1]) : 18181) ? 0 : 69;
}
