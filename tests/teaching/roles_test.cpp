// Every head, MLP and subspace of every construction has its teaching text, and a
// name no construction uses has none.
#include "sim/teaching/roles.h"
#include "sim/transformer/construction_counting.h"
#include "sim/transformer/construction_vectors.h"

#include <catch2/catch.hpp>

using namespace elicit;
using namespace elicit::teaching;
using namespace elicit::transformer;

TEST_CASE("every part of every construction says what it is for", "[teaching][roles]") {
  const std::vector<Model> models = {
      CountingConstruction({2, 3, 3}).model(), label_averaging_model(2),
      gradient_descent_model(2, 2, Rational(1, 2), 3), perceptron_model(2, 10)};
  int parts = 0;
  for (const Model& model : models) {
    INFO("model " << model.name);
    for (const Layer& layer : model.layers) {
      for (const Head& head : layer.heads) {
        CHECK_FALSE(head_role(model.name, head.name).empty());
        ++parts;
      }
      if (layer.mlp) {
        CHECK_FALSE(mlp_role(model.name, layer.mlp->name).empty());
        ++parts;
      }
    }
    for (const Subspace& subspace : model.layout.subspaces()) {
      CHECK_FALSE(subspace_meaning(model.name, subspace.name).empty());
      ++parts;
    }
  }
  CHECK(parts > 30);
  CHECK(head_role("counting", "induction") ==
        "induction: attends to positions whose preceding context equals the query's (score 2 "
        "per matching symbol)");
  CHECK(head_role("counting", "shift3").rfind("shift: copies the symbol 3 places back", 0) == 0);
}

TEST_CASE("a part without teaching text is an error, not a blank", "[teaching][roles]") {
  CHECK_THROWS_AS(head_role("counting", "shiftx"), std::logic_error);
  CHECK_THROWS_AS(head_role("softmax", "any"), std::logic_error);
  CHECK_THROWS_AS(mlp_role("gradient-descent", "gates"), std::logic_error);
  CHECK_THROWS_AS(subspace_meaning("looped-perceptron", "tok"), std::logic_error);
}
