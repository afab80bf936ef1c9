# Application tests: they link the engine (worker on a tiny synthetic model, translations,
# screenshots, --render).
laminar_qtest(gui_app_test test_app.cpp)
target_link_libraries(gui_app_test PRIVATE laminar_app_lib)
set_tests_properties(gui_app_test PROPERTIES
  ENVIRONMENT "QT_QPA_PLATFORM=offscreen;LAMINAR_NO_DIALOGS=1;XDG_CONFIG_HOME=${CMAKE_CURRENT_BINARY_DIR}/config;XDG_DATA_HOME=${CMAKE_CURRENT_BINARY_DIR}/data;LAMINAR_SCREENSHOT_DIR=${CMAKE_CURRENT_BINARY_DIR}/screenshots")

# Exit status 0 and the version line (expect_output.cmake checks both).
add_test(NAME gui_laminar_version
  COMMAND ${CMAKE_COMMAND} -DPROGRAM=$<TARGET_FILE:laminar> -DARGS=--version
          "-DEXPECT=laminar [0-9]+\\.[0-9]+\\.[0-9]+.*libtorch" -P ${CMAKE_CURRENT_SOURCE_DIR}/expect_output.cmake)

# --help is read where there is no display (a terminal over ssh, a package build): exit 0 and
# the options, not Qt's "could not connect to display" abort.
add_test(NAME gui_laminar_help_without_display
  COMMAND ${CMAKE_COMMAND} -E env --unset=DISPLAY --unset=WAYLAND_DISPLAY --unset=QT_QPA_PLATFORM
          ${CMAKE_COMMAND} -DPROGRAM=$<TARGET_FILE:laminar> -DARGS=--help "-DEXPECT=--render.*--screenshot"
          -P ${CMAKE_CURRENT_SOURCE_DIR}/expect_output.cmake)

# `laminar --render` end to end, as a report script runs it (files, formats, Vietnamese,
# a bad results folder refused without leaving output).
add_test(NAME gui_render_command
  COMMAND ${LAMINAR_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/check_render_cli.py
          $<TARGET_FILE:laminar> $<TARGET_FILE:laminar-cli> ${LAMINAR_SOURCE_DIR})
set_tests_properties(gui_render_command PROPERTIES TIMEOUT 600
  ENVIRONMENT "XDG_CONFIG_HOME=${CMAKE_CURRENT_BINARY_DIR}/config-render")
target_compile_definitions(gui_app_test PRIVATE
  LAMINAR_PYTHON="${LAMINAR_PYTHON}"
  LAMINAR_SHARED_DIR="${LAMINAR_SHARED_DIR}"
  FAKE_HUB_SCRIPT="${LAMINAR_SOURCE_DIR}/tests/hub/fake_hub.py")

# The figures plot the engine's numbers (a real run on a synthetic model vs results.json).
laminar_qtest(gui_figures_numbers_test test_figures_numbers.cpp)
target_link_libraries(gui_figures_numbers_test PRIVATE laminar_app_lib)
# README's first command: `laminar --example her` starts on the shipped demo model, or on the
# checkpoint used before (issue 16).
add_test(NAME gui_startup_model_choice
  COMMAND ${LAMINAR_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/check_startup.py $<TARGET_FILE:laminar> $<TARGET_FILE:laminar-cli>)
set_tests_properties(gui_startup_model_choice PROPERTIES TIMEOUT 600)

# Presentation mode driven by keys only, big text that persists, a window that fits 1024x768
# in both languages (issue 14).
laminar_qtest(gui_presentation_test test_presentation.cpp)
target_link_libraries(gui_presentation_test PRIVATE laminar_app_lib)
set_tests_properties(gui_presentation_test PROPERTIES
  ENVIRONMENT "QT_QPA_PLATFORM=offscreen;LAMINAR_NO_DIALOGS=1;XDG_CONFIG_HOME=${CMAKE_CURRENT_BINARY_DIR}/config-presentation;XDG_DATA_HOME=${CMAKE_CURRENT_BINARY_DIR}/data-presentation;LAMINAR_SCREENSHOT_DIR=${CMAKE_CURRENT_BINARY_DIR}/screenshots")

# The token preview (issue 14 item 5): byte-level pieces as bytes, problems at load time.
laminar_qtest(gui_token_preview_test test_token_preview.cpp)
target_link_libraries(gui_token_preview_test PRIVATE laminar_app_lib)
set_tests_properties(gui_token_preview_test PROPERTIES
  ENVIRONMENT "QT_QPA_PLATFORM=offscreen;LAMINAR_NO_DIALOGS=1;XDG_CONFIG_HOME=${CMAKE_CURRENT_BINARY_DIR}/config-token-preview;LAMINAR_SCREENSHOT_DIR=${CMAKE_CURRENT_BINARY_DIR}/screenshots")

# Vietnamese without English inside (issue 14 item 4): the .ts, core messages with their
# parameters, broken sentence files, and every string of the window after a run.
laminar_qtest(gui_vietnamese_test test_vietnamese.cpp)
target_link_libraries(gui_vietnamese_test PRIVATE laminar_app_lib)
set_tests_properties(gui_vietnamese_test PROPERTIES
  ENVIRONMENT "QT_QPA_PLATFORM=offscreen;LAMINAR_NO_DIALOGS=1;XDG_CONFIG_HOME=${CMAKE_CURRENT_BINARY_DIR}/config-vietnamese")

# An afternoon's session in one window: every analysis run again and again, layers and views
# stepped through, the language switched, a run saved, reopened and compared; after warm-up no
# objects, widgets, threads or open files accumulate and resident memory stays put.
laminar_qtest(gui_long_session_test test_long_session.cpp)
target_link_libraries(gui_long_session_test PRIVATE laminar_app_lib)
set_tests_properties(gui_long_session_test PROPERTIES TIMEOUT 600
  ENVIRONMENT "QT_QPA_PLATFORM=offscreen;LAMINAR_NO_DIALOGS=1;XDG_CONFIG_HOME=${CMAKE_CURRENT_BINARY_DIR}/config-long-session;XDG_DATA_HOME=${CMAKE_CURRENT_BINARY_DIR}/data-long-session")

# Keyboard and screen readers: every control named (English and Vietnamese), figures as
# charts that say their layer, Tab reaching every control and the figure.
laminar_qtest(gui_accessibility_test test_accessibility.cpp)
target_link_libraries(gui_accessibility_test PRIVATE laminar_app_lib)
set_tests_properties(gui_accessibility_test PROPERTIES
  ENVIRONMENT "QT_QPA_PLATFORM=offscreen;LAMINAR_NO_DIALOGS=1;XDG_CONFIG_HOME=${CMAKE_CURRENT_BINARY_DIR}/config-accessibility;XDG_DATA_HOME=${CMAKE_CURRENT_BINARY_DIR}/data-accessibility")
