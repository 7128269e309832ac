# The two commands of the README:
#   make run   install what is missing (Debian packages), build (Release), print the bounds
#              at the paper's examples, run the paper case suite into results/paper (tables,
#              figures, report.html) and print where the report is
#   make test  the same set-up, then every test through CTest
# Everything else here is a helper of those two.

BUILD_DIR ?= build
JOBS      ?= $(shell nproc 2>/dev/null || echo 2)
ELICIT     = $(BUILD_DIR)/elicit

# Debian 12 packages the build needs; nothing is downloaded at build time.
PACKAGES = g++ make cmake libboost-dev libboost-math-dev libboost-random-dev libgmp-dev \
           libfmt-dev catch2 libtomlplusplus-dev libcli11-dev nlohmann-json3-dev
# What the results folders need: gnuplot draws their figures (SVG and PDF).
REPORT_PACKAGES = gnuplot-nox
# What only the tests need: headless Chromium, driven by python3, renders the HTML pages.
TEST_PACKAGES = chromium python3
# What the report tests need: pdflatex and booktabs compile the LaTeX tables.
REPORT_TEST_PACKAGES = texlive-latex-base texlive-latex-recommended
RESULTS = results/paper

.PHONY: run test deps report-deps test-deps build format clean mutate

# --force: each `make run` replaces the previous results/paper (elicit refuses to
# overwrite a results folder silently).
run: build report-deps
	$(ELICIT) bounds --theorem all
	$(ELICIT) run cases/paper.toml --out $(RESULTS) --force
	@echo "The report: $(abspath $(RESULTS))/report.html"

test: build report-deps test-deps
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
