#include "sim/transformer/construction_vectors.h"

#include <stdexcept>
#include <string>

namespace elicit::transformer {
namespace {

std::vector<Rational> zeros(int width) {
  return std::vector<Rational>(static_cast<std::size_t>(width), Rational(0));
}

void check_dimension(const std::vector<Rational>& x, int dimension, const std::string& where) {
  if (static_cast<int>(x.size()) != dimension) {
    throw std::invalid_argument(where + " has " + std::to_string(x.size()) +
                                " coordinates, expected " + std::to_string(dimension));
  }
}

void check_examples(const std::vector<LabelledPoint>& examples, int dimension) {
  if (examples.empty()) throw std::invalid_argument("prompt: the dataset is empty");
  for (std::size_t j = 0; j < examples.size(); ++j) {
    check_dimension(examples[j].x, dimension, "example " + std::to_string(j + 1));
  }
}

Rational dot(const std::vector<Rational>& a, const std::vector<Rational>& b) {
  Rational sum = 0;
  for (std::size_t i = 0; i < a.size(); ++i) sum += a[i] * b[i];
  return sum;
}

}  // namespace

// ---- label averaging (T4) ----------------------------------------------------

Model label_averaging_model(int dimension) {
  Model model;
  model.name = "label-averaging";
  const Subspace is_label = model.layout.add("is_label", 1);
  const Subspace label = model.layout.add("label", 1);
  model.layout.add("x", dimension);  // carried, not read: retrieval happened before
  const Subspace one = model.layout.add("one", 1);
  const Subspace mean = model.layout.add("mean", 1);
  model.readout = "mean";
  const int width = model.layout.width();
  Head head{"average labels",
            Scoring::average_hard,
            true,
            SparseMatrix(width, 1),
            SparseMatrix(width, 1),
            SparseMatrix(width, 1),
            SparseMatrix(1, width),
            1};
  head.query.set(one.at(0), 0, 1);  // score = [j holds a label]
  head.key.set(is_label.at(0), 0, 1);
  head.value.set(label.at(0), 0, 1);
  head.output.set(0, mean.at(0), 1);
  model.layers.push_back(Layer{{std::move(head)}, std::nullopt, 1});
  return model;
}

StreamRows label_averaging_prompt(int dimension, const std::vector<LabelledPoint>& examples,
                                  const std::vector<Rational>& query) {
  check_examples(examples, dimension);
  check_dimension(query, dimension, "query");
  const Model model = label_averaging_model(dimension);
  const Layout& layout = model.layout;
  const int width = layout.width();
  auto row_for = [&](const std::vector<Rational>* x, const Rational* y) {
    auto row = zeros(width);
    row[static_cast<std::size_t>(layout["one"].at(0))] = 1;
    if (x) {
      for (int i = 0; i < dimension; ++i)
        row[static_cast<std::size_t>(layout["x"].at(i))] = (*x)[static_cast<std::size_t>(i)];
    }
    if (y) {
      row[static_cast<std::size_t>(layout["is_label"].at(0))] = 1;
      row[static_cast<std::size_t>(layout["label"].at(0))] = *y;
    }
    return row;
  };
  StreamRows rows = {row_for(nullptr, nullptr)};  // BOS
  for (const auto& example : examples) {
    rows.push_back(row_for(&example.x, nullptr));
    rows.push_back(row_for(nullptr, &example.y));
  }
  rows.push_back(row_for(&query, nullptr));
  return rows;
}

Rational mean_label(const std::vector<LabelledPoint>& examples) {
  if (examples.empty()) throw std::invalid_argument("mean_label: no examples");
  Rational sum = 0;
  for (const auto& e : examples) sum += e.y;
  return sum / static_cast<long>(examples.size());
}

// ---- gradient descent in context (T1) ----------------------------------------

Model gradient_descent_model(int dimension, int steps, const Rational& eta, int examples) {
  if (steps < 1 || examples < 1) throw std::invalid_argument("gradient descent needs K, N >= 1");
  Model model;
  model.name = "gradient-descent";
  const Subspace x_example = model.layout.add("x_example", dimension);
  const Subspace x_query = model.layout.add("x_query", dimension);
  const Subspace residual = model.layout.add("residual", 1);      // y_j − w_t·x_j at examples
  const Subspace prediction = model.layout.add("prediction", 1);  // w_t·x_q at the query
  model.readout = "prediction";
  const int width = model.layout.width();
  const Rational rate = eta / examples;
  for (int step = 0; step < steps; ++step) {
    // Head "update residuals": r_i −= (eta/N) Σ_j r_j x_j·x_i at example rows.
    // Head "update prediction": p_q += (eta/N) Σ_j r_j x_j·x_q at the query row.
    Layer layer;
    for (int which = 0; which < 2; ++which) {
      const bool residuals = which == 0;
      Head head{residuals ? "update residuals" : "update prediction",
                Scoring::linear,
                false,
                SparseMatrix(width, dimension),
                SparseMatrix(width, dimension),
                SparseMatrix(width, 1),
                SparseMatrix(1, width),
                rate};
      for (int i = 0; i < dimension; ++i) {
        head.query.set((residuals ? x_example : x_query).at(i), i, 1);
        head.key.set(x_example.at(i), i, 1);
      }
      head.value.set(residual.at(0), 0, 1);
      head.output.set(0, residuals ? residual.at(0) : prediction.at(0), residuals ? -1 : 1);
      layer.heads.push_back(std::move(head));
    }
    model.layers.push_back(std::move(layer));
  }
  return model;
}

StreamRows gradient_descent_prompt(int dimension, const std::vector<LabelledPoint>& examples,
                                   const std::vector<Rational>& query) {
  check_examples(examples, dimension);
  check_dimension(query, dimension, "query");
  const int width = 2 * dimension + 2;
  const auto d = static_cast<std::size_t>(dimension);
  StreamRows rows;
  for (const auto& e : examples) {
    auto row = zeros(width);
    for (std::size_t i = 0; i < d; ++i) row[i] = e.x[i];
    row[2 * d] = e.y;
    rows.push_back(std::move(row));
  }
  auto row = zeros(width);
  for (std::size_t i = 0; i < d; ++i) row[d + i] = query[i];
  rows.push_back(std::move(row));
  return rows;
}

Rational gradient_descent_prediction(const std::vector<LabelledPoint>& examples,
                                     const std::vector<Rational>& query, int steps,
                                     const Rational& eta) {
  const auto weights =
      gradient_descent_weights(examples, static_cast<int>(query.size()), steps, eta);
  return dot(weights.back(), query);
}

std::vector<std::vector<Rational>> gradient_descent_weights(
    const std::vector<LabelledPoint>& examples, int dimension, int steps, const Rational& eta) {
  const auto d = static_cast<std::size_t>(dimension);
  std::vector<std::vector<Rational>> iterates = {std::vector<Rational>(d, Rational(0))};
  const Rational rate = eta / static_cast<long>(examples.size());
  for (int step = 0; step < steps; ++step) {
    std::vector<Rational> w = iterates.back();
    std::vector<Rational> gradient(d, Rational(0));
    for (const auto& e : examples) {
      const Rational error = dot(w, e.x) - e.y;
      for (std::size_t i = 0; i < d; ++i) gradient[i] += error * e.x[i];
    }
    for (std::size_t i = 0; i < d; ++i) w[i] -= rate * gradient[i];
    iterates.push_back(std::move(w));
  }
  return iterates;
}

// ---- looped perceptron (T3) ----------------------------------------------------

Model perceptron_model(int dimension, int max_updates) {
  Model model;
  model.name = "looped-perceptron";
  const int augmented = dimension + 1;
  const Subspace z = model.layout.add("z", augmented);  // y·(x, 1) at example rows
  const Subspace w = model.layout.add("w", augmented);  // the weights, at the query row
  model.readout = "w";
  model.readout_row = 0;
  const int width = model.layout.width();
  // Not causal: the weight row comes first so that its own key (z = 0, score 0)
  // loses every tie to a later example of margin 0, as the perceptron requires.
  Head head{"most violated",
            Scoring::unique_hard,
            false,
            SparseMatrix(width, augmented),
            SparseMatrix(width, augmented),
            SparseMatrix(width, augmented),
            SparseMatrix(augmented, width),
            1};
  for (int i = 0; i < augmented; ++i) {
    head.query.set(w.at(i), i, -1);  // score −w·z_j = −(margin of j)
    head.key.set(z.at(i), i, 1);
    head.value.set(z.at(i), i, 1);
    head.output.set(i, w.at(i), 1);  // the residual adds y·x to w
  }
  // One extra run confirms the fixed point after the last update.
  model.layers.push_back(Layer{{std::move(head)}, std::nullopt, max_updates + 1});
  return model;
}

StreamRows perceptron_prompt(int dimension, const std::vector<LabelledPoint>& examples) {
  check_examples(examples, dimension);
  const int augmented = dimension + 1;
  // Row 0 holds w = 0 and z = 0: its key is the "nothing violated" choice.
  StreamRows rows = {zeros(2 * augmented)};
  for (std::size_t j = 0; j < examples.size(); ++j) {
    const auto& e = examples[j];
    if (e.y != 1 && e.y != -1) {
      throw std::invalid_argument("example " + std::to_string(j + 1) +
                                  ": perceptron labels are -1 or +1");
    }
    auto row = zeros(2 * augmented);
    for (int i = 0; i < dimension; ++i)
      row[static_cast<std::size_t>(i)] = e.y * e.x[static_cast<std::size_t>(i)];
    row[static_cast<std::size_t>(dimension)] = e.y;
    rows.push_back(std::move(row));
  }
  return rows;
}

PerceptronResult perceptron_reference(const std::vector<LabelledPoint>& examples, int max_updates) {
  if (examples.empty()) throw std::invalid_argument("perceptron_reference: no examples");
  const std::size_t augmented = examples.front().x.size() + 1;
  std::vector<std::vector<Rational>> z;
  for (const auto& e : examples) {
    std::vector<Rational> row;
    for (const auto& xi : e.x) row.push_back(e.y * xi);
    row.push_back(e.y);
    z.push_back(std::move(row));
  }
  PerceptronResult result{std::vector<Rational>(augmented, Rational(0)), 0, false};
  while (true) {
    // Most violated: largest −margin; ties to the latest; stop when all margins > 0.
    std::optional<std::size_t> pick;
    Rational best = 0;
    for (std::size_t j = 0; j < z.size(); ++j) {
      const Rational score = -dot(result.weights, z[j]);
      if (score >= best) {
        best = score;
        pick = j;
      }
    }
    if (!pick) {
      result.converged = true;
      return result;
    }
    if (result.updates == max_updates) return result;
    for (std::size_t i = 0; i < augmented; ++i) result.weights[i] += z[*pick][i];
    ++result.updates;
  }
}

}  // namespace elicit::transformer
