#pragma once

#include <span>

#include "sqlite/Migrations.hpp"

namespace harmony::harmonyd::store {

// harmonyd's schema, oldest first. Append a migration for every change; never edit one that
// has shipped (a database at that version would not get the change).
std::span<const sqlite::Migration> migrations();

}  // namespace harmony::harmonyd::store
