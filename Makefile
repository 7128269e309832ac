# The two commands of the README:
#   make run   install what is missing (Debian packages), build (Release), print the bounds
#              at the paper's examples and run the paper case suite into results/paper
#   make test  the same set-up, then every test through CTest
# Everything else here is a helper of those two.

BUILD_DIR ?= build
JOBS      ?= $(shell nproc 2>/dev/null || echo 2)
ELICIT     = $(BUILD_DIR)/elicit

# Debian 12 packages the build needs; nothing is downloaded at build time.
PACKAGES = g++ make cmake libboost-dev libboost-math-dev libboost-random-dev libgmp-dev \
           libfmt-dev catch2 libtomlplusplus-dev libcli11-dev nlohmann-json3-dev
# What only the tests need: headless Chromium, driven by python3, renders the HTML pages.
TEST_PACKAGES = chromium python3

.PHONY: run test deps test-deps build format clean mutate

run: build
	$(ELICIT) bounds --theorem all
	$(ELICIT) run cases/paper.toml --out results/paper

test: build test-deps
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

# Installs the packages of $(1) that are missing (apt-get, as root).
define install_missing
	@missing=""; \
	for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" -ne 0 ]; then echo "error: packages missing and not root:$$missing" >&2; exit 2; fi; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

deps:
	$(call install_missing,$(PACKAGES))

test-deps:
	$(call install_missing,$(TEST_PACKAGES))

build: deps
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release -DELICIT_WERROR=ON
	cmake --build $(BUILD_DIR) -j $(JOBS)

# Mutation testing (not part of `make test`): every mutant of tests/mutation/mutants.txt
# alone, built and tested in build-mutate/; prints the score and the survivors.
mutate: deps
	python3 tests/mutation/mutate.py --build $(BUILD_DIR)-mutate

format:
	git ls-files '*.h' '*.cpp' | xargs clang-format -i

clean:
	rm -rf $(BUILD_DIR)
