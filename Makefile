# The two commands of the README:
#   make run   install what is missing (Debian packages), build (Release), print the bounds
#              at the paper's examples, run the paper case suite into results/paper (tables,
#              figures, report.html) and print where the report is
#   make test  the same set-up, then every test through CTest (the fuzz targets for a
#              short fixed run among them)
# Longer checks stand apart: make sanitize (the whole suite under ASan and UBSan),
# make fuzz (each fuzz target for FUZZ_SECONDS), make mutate (mutation score) and make tidy
# (clang-tidy on every source, recording the clean ones for make test).

BUILD_DIR ?= build
JOBS      ?= $(shell nproc 2>/dev/null || echo 2)
ELICIT     = $(BUILD_DIR)/elicit

# Debian 12 packages the build needs; nothing is downloaded at build time.
PACKAGES = g++ make cmake libboost-dev libboost-math-dev libboost-random-dev libgmp-dev \
           libfmt-dev catch2 libtomlplusplus-dev libcli11-dev nlohmann-json3-dev \
           libopenmpi-dev openmpi-bin
# What the results folders need: gnuplot draws their figures (SVG and PDF).
REPORT_PACKAGES = gnuplot-nox
# What only the tests need: headless Chromium, driven by python3, renders the HTML pages.
TEST_PACKAGES = chromium python3 clang-tidy
# What the report tests need: pdflatex and booktabs compile the LaTeX tables.
REPORT_TEST_PACKAGES = texlive-latex-base texlive-latex-recommended
RESULTS = results/paper


# The fuzz targets (fuzz/): clang, and clang's runtime libraries, libFuzzer among them.
FUZZ_PACKAGES = clang libclang-rt-14-dev
FUZZ_DIR     ?= build-fuzz
FUZZ_TARGETS  = case_file rational text_prompt
FUZZ_SECONDS ?= 180

# The sanitizer build (make sanitize): the whole suite under AddressSanitizer and
# UndefinedBehaviorSanitizer, any report fatal. Not part of make test: it builds a second tree
# and runs every test several times slower.
SANITIZE_DIR   ?= build-sanitize
SANITIZE_FLAGS  = -fsanitize=address,undefined -fsanitize=float-cast-overflow \
                  -fno-sanitize-recover=all -fno-omit-frame-pointer
SANITIZE_ENV    = ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
                  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

.PHONY: run test deps report-deps test-deps build format clean mutate sanitize fuzz fuzz-deps tidy \
        fuzz-build

# --force: each `make run` replaces the previous results/paper (elicit refuses to
# overwrite a results folder silently). --threads: every core (the results do not
# depend on it).
run: build report-deps
	$(ELICIT) bounds --theorem all
	$(ELICIT) run cases/paper.toml --out $(RESULTS) --force --threads $(JOBS)
	@echo "The report: $(abspath $(RESULTS))/report.html"

test: build report-deps test-deps fuzz-build
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

report-deps:
	$(call install_missing,$(REPORT_PACKAGES))

test-deps:
	$(call install_missing,$(TEST_PACKAGES) $(REPORT_TEST_PACKAGES))

build: deps
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release -DELICIT_WERROR=ON \
	  -DELICIT_FUZZ_DIR=$(abspath $(FUZZ_DIR))
	cmake --build $(BUILD_DIR) -j $(JOBS)

# Mutation testing (not part of `make test`): every mutant of tests/mutation/mutants.txt
# alone, built and tested in build-mutate/; prints the score and the survivors.
mutate: deps
	python3 tests/mutation/mutate.py --build $(BUILD_DIR)-mutate

# Warnings are not errors here: GCC 12 reports false "may be used uninitialized" in
# std::function under ASan at -O2 (make build keeps -Werror). The consumer tests
# configure their own CMake projects, which read CXXFLAGS and LDFLAGS from the
# environment: they link the sanitized libraries that way. -LE tidy: clang-tidy reads the
# sources, not the sanitized build (make test runs it).
sanitize: deps test-deps
	cmake -S . -B $(SANITIZE_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DELICIT_WERROR=OFF \
	  -DCMAKE_CXX_FLAGS="$(SANITIZE_FLAGS)" -DCMAKE_EXE_LINKER_FLAGS="$(SANITIZE_FLAGS)" \
	  -DCMAKE_SHARED_LINKER_FLAGS="$(SANITIZE_FLAGS)"
	cmake --build $(SANITIZE_DIR) -j $(JOBS)
	cd $(SANITIZE_DIR) && $(SANITIZE_ENV) CXXFLAGS="$(SANITIZE_FLAGS)" LDFLAGS="$(SANITIZE_FLAGS)" \
	  ctest --output-on-failure -j $(JOBS) -LE tidy

fuzz-deps:
	$(call install_missing,$(FUZZ_PACKAGES))

# The fuzz targets, built with clang in their own tree; make test runs each for a
# fixed number of inputs (CTest tests fuzz.*), make fuzz for FUZZ_SECONDS each,
# keeping what it finds in $(FUZZ_DIR)/corpus/ (crashes in $(FUZZ_DIR)/artifacts/).
fuzz-build: fuzz-deps
	cmake -S fuzz -B $(FUZZ_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++
	cmake --build $(FUZZ_DIR) -j $(JOBS)

fuzz: fuzz-build
	@mkdir -p $(FUZZ_DIR)/artifacts
	@failed=""; for target in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_DIR)/corpus/$$target; \
	  echo "fuzzing $$target for $(FUZZ_SECONDS) s"; \
	  $(FUZZ_DIR)/$${target}_fuzz $(FUZZ_DIR)/corpus/$$target fuzz/corpus/$$target \
	    -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
	    -artifact_prefix=$(FUZZ_DIR)/artifacts/$${target}_fuzz- || failed="$$failed $$target"; \
	done; \
	if [ -n "$$failed" ]; then echo "findings in:$$failed (inputs in $(FUZZ_DIR)/artifacts/)"; exit 1; fi

# clang-tidy on every source of sim/, then the digests of the clean files recorded in
# tests/tidy_clean.txt, so that make test checks again only what changed since (commit it).
tidy: build test-deps
	python3 tests/tidy_check.py . $(BUILD_DIR) --jobs $(JOBS) --record

format:
	git ls-files '*.h' '*.cpp' | xargs clang-format -i

clean:
	rm -rf $(BUILD_DIR) $(SANITIZE_DIR) $(FUZZ_DIR)
