# Application tests: they link the engine (worker on a tiny synthetic model, translations,
# screenshots, --render).
laminar_qtest(gui_app_test test_app.cpp)
target_link_libraries(gui_app_test PRIVATE laminar_app_lib)
set_tests_properties(gui_app_test PROPERTIES
  ENVIRONMENT "QT_QPA_PLATFORM=offscreen;LAMINAR_NO_DIALOGS=1;XDG_CONFIG_HOME=${CMAKE_CURRENT_BINARY_DIR}/config;XDG_DATA_HOME=${CMAKE_CURRENT_BINARY_DIR}/data;LAMINAR_SCREENSHOT_DIR=${CMAKE_CURRENT_BINARY_DIR}/screenshots")

add_test(NAME gui_laminar_version COMMAND laminar --version)
set_tests_properties(gui_laminar_version PROPERTIES PASS_REGULAR_EXPRESSION "laminar [0-9]+\\.[0-9]+\\.[0-9]+.*libtorch")
