<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
    <context>
        <name>AnalysisSettings</name>
        <message>
            <source>Text shown:</source>
            <translation>Văn bản hiển thị:</translation>
        </message>
        <message>
            <source>which text of the set (1 = the first) to show the attention of</source>
            <translation>văn bản nào của bộ (1 = văn bản đầu tiên) được hiển thị sự chú ý</translation>
        </message>
        <message>
            <source>Attention patterns of one text</source>
            <translation>Mẫu chú ý của một văn bản</translation>
        </message>
        <message>
            <source>Shows where every attention head looks: for one text, each head's token-by-token attention weights at every layer, and how much attention the target word pays to each earlier token.</source>
            <translation>Cho thấy mỗi đầu chú ý nhìn vào đâu: với một văn bản, trọng số chú ý giữa từng cặp token của mỗi đầu ở mọi tầng, và từ đích dành bao nhiêu chú ý cho mỗi token đứng trước.</translation>
        </message>
        <message>
            <source>Text shown token by token:</source>
            <translation>Văn bản xem từng token:</translation>
        </message>
        <message>
            <source>which text of the set (1 = the first) the top tokens are read for</source>
            <translation>văn bản nào của bộ (1 = văn bản đầu tiên) được đọc các token dự đoán hàng đầu</translation>
        </message>
        <message>
            <source>Token position (-1 = the target):</source>
            <translation>Vị trí token (-1 = từ đích):</translation>
        </message>
        <message>
            <source>token position in that text (0 = its first token) whose next-token prediction is read; -1 = the target word's last token</source>
            <translation>vị trí token trong văn bản đó (0 = token đầu tiên) có dự đoán token kế tiếp được đọc; -1 = token cuối của từ đích</translation>
        </message>
        <message>
            <source>Top tokens per layer:</source>
            <translation>Số token hàng đầu mỗi tầng:</translation>
        </message>
        <message>
            <source>how many of the most probable next tokens to keep per layer</source>
            <translation>giữ bao nhiêu token kế tiếp có xác suất cao nhất ở mỗi tầng</translation>
        </message>
        <message>
            <source>Logit lens: next-token guesses per layer</source>
            <translation>Thấu kính logit: dự đoán token kế tiếp theo tầng</translation>
        </message>
        <message>
            <source>Reads the residual stream after every block through the final layer norm and the output layer: which next tokens each layer already favours, and how probable the actual next token after the target is, layer by layer.</source>
            <translation>Đọc luồng dư (residual stream) sau mỗi khối qua lớp chuẩn hóa cuối và lớp đầu ra: mỗi tầng đã nghiêng về những token kế tiếp nào, và token thực sự đứng sau từ đích có xác suất bao nhiêu, qua từng tầng.</translation>
        </message>
        <message>
            <source>MI estimator:</source>
            <translation>Cách ước lượng MI:</translation>
        </message>
        <message>
            <source>hist (histogram) or ksg (k-nearest neighbours)</source>
            <translation>hist (biểu đồ tần suất) hoặc ksg (k láng giềng gần nhất)</translation>
        </message>
        <message>
            <source>Histogram</source>
            <translation>Biểu đồ tần suất (histogram)</translation>
        </message>
        <message>
            <source>k nearest neighbours (KSG)</source>
            <translation>k láng giềng gần nhất (KSG)</translation>
        </message>
        <message>
            <source>Outlier z threshold (0 = off):</source>
            <translation>Ngưỡng z cho giá trị ngoại lai (0 = tắt):</translation>
        </message>
        <message>
            <source>drop dimensions with |z| above this (0 = off)</source>
            <translation>bỏ các chiều có |z| lớn hơn ngưỡng này (0 = tắt)</translation>
        </message>
        <message>
            <source>z-score ddof:</source>
            <translation>ddof của điểm z:</translation>
        </message>
        <message>
            <source>delta degrees of freedom of the z-scores used for trimming (0 as in the original analysis)</source>
            <translation>số bậc tự do trừ đi (ddof) của điểm z dùng để loại ngoại lai (0 như phân tích gốc)</translation>
        </message>
        <message>
            <source>Neighbours k:</source>
            <translation>Số láng giềng k:</translation>
        </message>
        <message>
            <source>neighbours of the KSG estimator</source>
            <translation>số láng giềng của bộ ước lượng KSG</translation>
        </message>
        <message>
            <source>t-test:</source>
            <translation>Kiểm định t:</translation>
        </message>
        <message>
            <source>student (pooled variance) or welch</source>
            <translation>student (phương sai gộp) hoặc welch</translation>
        </message>
        <message>
            <source>Student (pooled variance)</source>
            <translation>Student (phương sai gộp)</translation>
        </message>
        <message>
            <source>Welch</source>
            <translation>Welch</translation>
        </message>
        <message>
            <source>FDR q:</source>
            <translation>Ngưỡng q của FDR:</translation>
        </message>
        <message>
            <source>Benjamini-Hochberg false discovery rate</source>
            <translation>tỷ lệ phát hiện sai Benjamini–Hochberg</translation>
        </message>
        <message>
            <source>Significance level (Bonferroni):</source>
            <translation>Mức ý nghĩa (Bonferroni):</translation>
        </message>
        <message>
            <source>family-wise significance level of the per-layer Bonferroni correction</source>
            <translation>mức ý nghĩa toàn họ của hiệu chỉnh Bonferroni theo tầng</translation>
        </message>
        <message>
            <source>Mutual information vs token distance</source>
            <translation>Thông tin tương hỗ theo khoảng cách token</translation>
        </message>
        <message>
            <source>Measures the mutual information (MI) between the target's occurrences in the attention and MLP outputs of every layer, and how it falls with token distance.</source>
            <translation>Đo thông tin tương hỗ (MI) giữa các lần xuất hiện của từ đích ở đầu ra attention (cơ chế chú ý) và MLP của mỗi tầng, và MI giảm thế nào theo khoảng cách token.</translation>
        </message>
        <message>
            <source>Histogram bins:</source>
            <translation>Số khoảng của histogram:</translation>
        </message>
        <message>
            <source>Seed (non-target choice):</source>
            <translation>Hạt giống ngẫu nhiên (chọn token so sánh):</translation>
        </message>
        <message>
            <source>Token similarity across layers (Q, K, V)</source>
            <translation>Độ tương đồng token qua các tầng (Q, K, V)</translation>
        </message>
        <message>
            <source>Compares the target token with a non-target token of the same sentences, layer by layer: context variance of Q, K and V and the cosine spectrum of their dimensions.</source>
            <translation>So sánh token đích với một token khác (token so sánh) trong cùng các câu, qua từng tầng: phương sai theo ngữ cảnh của Q, K, V và phổ độ tương đồng cosine giữa các chiều của chúng.</translation>
        </message>
        <message>
            <source>Bins (shared-fd, fd or a number):</source>
            <translation>Số ô (shared-fd, fd hoặc một số):</translation>
        </message>
        <message>
            <source>histogram bins per axis: shared-fd (one Freedman-Diaconis count per layer for both sites, the default), fd (per pair, clamped to [4, 64], as the original analysis) or a number</source>
            <translation>số ô biểu đồ tần suất mỗi trục: shared-fd (một số ô Freedman–Diaconis cho mỗi tầng, dùng chung cho cả hai vị trí, mặc định), fd (theo từng cặp, giới hạn trong [4, 64], như phân tích gốc) hoặc một số</translation>
        </message>
        <message>
            <source>Bias correction:</source>
            <translation>Hiệu chỉnh độ chệch:</translation>
        </message>
        <message>
            <source>none (plug-in histogram MI) or miller-madow (histogram estimator only)</source>
            <translation>none (MI histogram thế trực tiếp) hoặc miller-madow (chỉ cho bộ ước lượng histogram)</translation>
        </message>
        <message>
            <source>None (plug-in)</source>
            <translation>Không (thế trực tiếp)</translation>
        </message>
        <message>
            <source>Miller-Madow</source>
            <translation>Miller–Madow</translation>
        </message>
        <message>
            <source>MI compared:</source>
            <translation>MI đem so sánh:</translation>
        </message>
        <message>
            <source>above-floor (pair MI minus the estimator floor, the default) or raw (pair MI, as the original analysis) for tau and the site tests</source>
            <translation>above-floor (MI của cặp trừ mức nền của bộ ước lượng, mặc định) hoặc raw (MI của cặp, như phân tích gốc) cho tau và các kiểm định giữa hai vị trí</translation>
        </message>
        <message>
            <source>MI above the estimator floor</source>
            <translation>MI trên mức nền của bộ ước lượng</translation>
        </message>
        <message>
            <source>Raw MI (original analysis)</source>
            <translation>MI thô (phân tích gốc)</translation>
        </message>
        <message>
            <source>Permutations:</source>
            <translation>Số hoán vị:</translation>
        </message>
        <message>
            <source>permutations of each null (Kendall tau under within-text distance shuffles, attention vs MLP under sign flips)</source>
            <translation>số hoán vị của mỗi phân phối H0 (tau Kendall khi xáo trộn khoảng cách trong từng văn bản, attention và MLP khi đảo dấu)</translation>
        </message>
        <message>
            <source>Seed (floor and nulls):</source>
            <translation>Hạt giống (mức nền và phân phối H0):</translation>
        </message>
        <message>
            <source>seed of the estimator floors and the permutation nulls</source>
            <translation>hạt giống của mức nền bộ ước lượng và các phân phối H0 theo hoán vị</translation>
        </message>
        <message>
            <source>Compare estimators:</source>
            <translation>So sánh bộ ước lượng:</translation>
        </message>
        <message>
            <source>on: also run the other estimator (histogram and KSG) on the same pairs and report their correlation</source>
            <translation>on: chạy thêm bộ ước lượng còn lại (histogram và KSG) trên cùng các cặp và báo cáo tương quan giữa chúng</translation>
        </message>
        <message>
            <source>On</source>
            <translation>Bật</translation>
        </message>
        <message>
            <source>Off</source>
            <translation>Tắt</translation>
        </message>
        <message>
            <source>Allow position 0 as non-target:</source>
            <translation>Cho phép vị trí 0 làm token so sánh:</translation>
        </message>
        <message>
            <source>Spectrum summary replicates:</source>
            <translation>Số lần lặp bootstrap của tóm tắt phổ:</translation>
        </message>
        <message>
            <source>Spectrum summary pairs per block:</source>
            <translation>Số cặp mỗi khối cho tóm tắt phổ:</translation>
        </message>
        <message>
            <source>orange: the target token of the chosen text, whose attention is shown</source>
            <translation>cam: token đích của văn bản được chọn, có sự chú ý được hiển thị</translation>
        </message>
        <message>
            <source>orange: the target's occurrences, compared in pairs within each text</source>
            <translation>cam: các lần xuất hiện của từ đích, được so sánh theo cặp trong từng văn bản</translation>
        </message>
        <message>
            <source>orange: target token, blue: the non-target token it is compared with</source>
            <translation>cam: token đích, xanh: token so sánh được so sánh với nó</translation>
        </message>
        <message>
            <source>orange: target token, blue: the token that follows it, green: the chosen position (top tokens)</source>
            <translation>cam: token đích, xanh: token đứng ngay sau nó, xanh lá: vị trí được chọn (các token hàng đầu)</translation>
        </message>
        <message>
            <source>bins of the similarity histograms over [-1, 1]</source>
            <translation>số ô của biểu đồ tần suất độ tương đồng trên [-1, 1]</translation>
        </message>
        <message>
            <source>seed of the non-target choice (which earlier token of each sentence) and of the shuffled baseline</source>
            <translation>hạt giống chọn token so sánh (token nào đứng trước trong mỗi câu) và đường cơ sở xáo trộn</translation>
        </message>
        <message>
            <source>draw the non-target from positions 0 .. p-1 before the target (the original analysis) instead of 1 .. p-1 (the default: the first token's vectors are atypical)</source>
            <translation>chọn token so sánh trong các vị trí 0 .. p-1 trước từ đích (như phân tích gốc) thay vì 1 .. p-1 (mặc định: các vectơ của token đầu tiên không điển hình)</translation>
        </message>
        <message>
            <source>bootstrap replicates (over sentences) of the interval of each spectrum's mass at |cos| &gt; 0.8 and &lt; 0.2; 0 skips the summary</source>
            <translation>số lần lặp bootstrap (lấy mẫu lại các câu) cho khoảng của tỷ lệ mỗi phổ ở |cos| &gt; 0,8 và &lt; 0,2; 0 thì bỏ qua phần tóm tắt</translation>
        </message>
        <message>
            <source>dimension pairs per block the bootstrap replicates use (a seeded subset; the mass itself uses every pair); 0: every pair (slow at large widths)</source>
            <translation>số cặp chiều mỗi khối mà các lần lặp bootstrap dùng (một tập con chọn theo hạt giống; bản thân tỷ lệ dùng mọi cặp); 0: mọi cặp (chậm khi số chiều lớn)</translation>
        </message>
    </context>
    <context>
        <name>QAbstractSpinBox</name>
        <message>
            <source>&amp;Select All</source>
            <translation>&amp;Chọn tất cả</translation>
        </message>
        <message>
            <source>&amp;Step up</source>
            <translation>&amp;Tăng</translation>
        </message>
        <message>
            <source>Step &amp;down</source>
            <translation>&amp;Giảm</translation>
        </message>
    </context>
    <context>
        <name>QDialogButtonBox</name>
        <message>
            <source>OK</source>
            <translation>Đồng ý</translation>
        </message>
    </context>
    <context>
        <name>QFileDialog</name>
        <message>
            <source>Back</source>
            <translation>Lùi lại</translation>
        </message>
        <message>
            <source>Forward</source>
            <translation>Tiến tới</translation>
        </message>
        <message>
            <source>Parent Directory</source>
            <translation>Thư mục cha</translation>
        </message>
        <message>
            <source>Create New Folder</source>
            <translation>Tạo thư mục mới</translation>
        </message>
        <message>
            <source>List View</source>
            <translation>Xem dạng danh sách</translation>
        </message>
        <message>
            <source>Detail View</source>
            <translation>Xem chi tiết</translation>
        </message>
        <message>
            <source>Look in:</source>
            <translation>Tìm trong:</translation>
        </message>
        <message>
            <source>File &amp;name:</source>
            <translation>&amp;Tên tệp:</translation>
        </message>
        <message>
            <source>Files of type:</source>
            <translation>Loại tệp:</translation>
        </message>
        <message>
            <source>Directory:</source>
            <translation>Thư mục:</translation>
        </message>
        <message>
            <source>&amp;Open</source>
            <translation>&amp;Mở</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translation>&amp;Lưu</translation>
        </message>
        <message>
            <source>&amp;Choose</source>
            <translation>&amp;Chọn</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Mở</translation>
        </message>
        <message>
            <source>Save As</source>
            <translation>Lưu thành</translation>
        </message>
        <message>
            <source>Find Directory</source>
            <translation>Chọn thư mục</translation>
        </message>
        <message>
            <source>New Folder</source>
            <translation>Thư mục mới</translation>
        </message>
        <message>
            <source>&amp;New Folder</source>
            <translation>Thư mục &amp;mới</translation>
        </message>
        <message>
            <source>&amp;Rename</source>
            <translation>Đổi &amp;tên</translation>
        </message>
        <message>
            <source>&amp;Delete</source>
            <translation>&amp;Xóa</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Xóa</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Gỡ bỏ</translation>
        </message>
        <message>
            <source>Show &amp;hidden files</source>
            <translation>Hiện các tệp &amp;ẩn</translation>
        </message>
        <message>
            <source>My Computer</source>
            <translation>Máy tính của tôi</translation>
        </message>
        <message>
            <source>Recent Places</source>
            <translation>Nơi mở gần đây</translation>
        </message>
        <message>
            <source>Sidebar</source>
            <translation>Thanh bên</translation>
        </message>
        <message>
            <source>List of places and bookmarks</source>
            <translation>Danh sách địa điểm và dấu trang</translation>
        </message>
        <message>
            <source>Go back</source>
            <translation>Quay lại</translation>
        </message>
        <message>
            <source>Go forward</source>
            <translation>Đi tiếp</translation>
        </message>
        <message>
            <source>Go to the parent directory</source>
            <translation>Lên thư mục cha</translation>
        </message>
        <message>
            <source>Create a New Folder</source>
            <translation>Tạo một thư mục mới</translation>
        </message>
        <message>
            <source>Change to list view mode</source>
            <translation>Chuyển sang xem dạng danh sách</translation>
        </message>
        <message>
            <source>Change to detail view mode</source>
            <translation>Chuyển sang xem chi tiết</translation>
        </message>
        <message>
            <source>All Files (*)</source>
            <translation>Mọi tệp (*)</translation>
        </message>
        <message>
            <source>All files (*)</source>
            <translation>Mọi tệp (*)</translation>
        </message>
        <message>
            <source>Directories</source>
            <translation>Thư mục</translation>
        </message>
        <message>
            <source>Files</source>
            <translation>Tệp</translation>
        </message>
        <message>
            <source>File</source>
            <translation>Tệp</translation>
        </message>
        <message>
            <source>Folder</source>
            <translation>Thư mục</translation>
        </message>
        <message>
            <source>File Folder</source>
            <translation>Thư mục tệp</translation>
        </message>
        <message>
            <source>%1 File</source>
            <translation>Tệp %1</translation>
        </message>
        <message>
            <source>Unknown</source>
            <translation>Không rõ</translation>
        </message>
        <message>
            <source>Drive</source>
            <translation>Ổ đĩa</translation>
        </message>
        <message>
            <source>Shortcut</source>
            <translation>Lối tắt</translation>
        </message>
        <message>
            <source>Alias</source>
            <translation>Bí danh</translation>
        </message>
        <message>
            <source>%1 already exists.
Do you want to replace it?</source>
            <translation>%1 đã tồn tại.
Bạn có muốn thay thế không?</translation>
        </message>
        <message>
            <source>%1
File not found.
Please verify the correct file name was given.</source>
            <translation>%1
Không tìm thấy tệp.
Hãy kiểm tra lại tên tệp.</translation>
        </message>
        <message>
            <source>%1
Directory not found.
Please verify the correct directory name was given.</source>
            <translation>%1
Không tìm thấy thư mục.
Hãy kiểm tra lại tên thư mục.</translation>
        </message>
        <message>
            <source>Are you sure you want to delete '%1'?</source>
            <translation>Bạn có chắc muốn xóa '%1'?</translation>
        </message>
        <message>
            <source>Could not delete directory.</source>
            <translation>Không xóa được thư mục.</translation>
        </message>
    </context>
    <context>
        <name>QFileSystemModel</name>
        <message>
            <source>Name</source>
            <translation>Tên</translation>
        </message>
        <message>
            <source>Size</source>
            <translation>Dung lượng</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>Loại</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Loại</translation>
        </message>
        <message>
            <source>Date Modified</source>
            <translation>Ngày sửa đổi</translation>
        </message>
        <message>
            <source>My Computer</source>
            <translation>Máy tính của tôi</translation>
        </message>
        <message>
            <source>Computer</source>
            <translation>Máy tính</translation>
        </message>
        <message>
            <source>Invalid filename</source>
            <translation>Tên tệp không hợp lệ</translation>
        </message>
    </context>
    <context>
        <name>QLineEdit</name>
        <message>
            <source>&amp;Undo</source>
            <translation>&amp;Hoàn tác</translation>
        </message>
        <message>
            <source>&amp;Redo</source>
            <translation>&amp;Làm lại</translation>
        </message>
        <message>
            <source>Cu&amp;t</source>
            <translation>&amp;Cắt</translation>
        </message>
        <message>
            <source>&amp;Copy</source>
            <translation>&amp;Sao chép</translation>
        </message>
        <message>
            <source>&amp;Paste</source>
            <translation>&amp;Dán</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Xóa</translation>
        </message>
        <message>
            <source>Select All</source>
            <translation>Chọn tất cả</translation>
        </message>
    </context>
    <context>
        <name>QMessageBox</name>
        <message>
            <source>OK</source>
            <translation>Đồng ý</translation>
        </message>
        <message>
            <source>Help</source>
            <translation>Trợ giúp</translation>
        </message>
        <message>
            <source>Show Details...</source>
            <translation>Xem chi tiết...</translation>
        </message>
        <message>
            <source>Hide Details...</source>
            <translation>Ẩn chi tiết...</translation>
        </message>
    </context>
    <context>
        <name>QPlatformTheme</name>
        <message>
            <source>OK</source>
            <translation>Đồng ý</translation>
        </message>
        <message>
            <source>&amp;Yes</source>
            <translation>&amp;Có</translation>
        </message>
        <message>
            <source>&amp;No</source>
            <translation>&amp;Không</translation>
        </message>
        <message>
            <source>Yes to &amp;All</source>
            <translation>Có với tất &amp;cả</translation>
        </message>
        <message>
            <source>N&amp;o to All</source>
            <translation>Khô&amp;ng với tất cả</translation>
        </message>
        <message>
            <source>Help</source>
            <translation>Trợ giúp</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Mở</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>Lưu</translation>
        </message>
        <message>
            <source>Save All</source>
            <translation>Lưu tất cả</translation>
        </message>
        <message>
            <source>Abort</source>
            <translation>Hủy bỏ</translation>
        </message>
        <message>
            <source>Apply</source>
            <translation>Áp dụng</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Đóng</translation>
        </message>
        <message>
            <source>Reset</source>
            <translation>Đặt lại</translation>
        </message>
        <message>
            <source>Retry</source>
            <translation>Thử lại</translation>
        </message>
        <message>
            <source>Ignore</source>
            <translation>Bỏ qua</translation>
        </message>
        <message>
            <source>Restore Defaults</source>
            <translation>Khôi phục mặc định</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Hủy</translation>
        </message>
        <message>
            <source>Discard</source>
            <translation>Không lưu</translation>
        </message>
    </context>
    <context>
        <name>QWidgetTextControl</name>
        <message>
            <source>&amp;Undo</source>
            <translation>&amp;Hoàn tác</translation>
        </message>
        <message>
            <source>&amp;Redo</source>
            <translation>&amp;Làm lại</translation>
        </message>
        <message>
            <source>Cu&amp;t</source>
            <translation>&amp;Cắt</translation>
        </message>
        <message>
            <source>&amp;Copy</source>
            <translation>&amp;Sao chép</translation>
        </message>
        <message>
            <source>&amp;Paste</source>
            <translation>&amp;Dán</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Xóa</translation>
        </message>
        <message>
            <source>Select All</source>
            <translation>Chọn tất cả</translation>
        </message>
        <message>
            <source>Copy &amp;Link Location</source>
            <translation>Sao chép địa chỉ &amp;liên kết</translation>
        </message>
    </context>
    <context>
        <name>laminar::AttentionHeadsView</name>
        <message>
            <source>head %1</source>
            <translation>đầu %1</translation>
        </message>
        <message numerus="yes">
            <source>all %n head(s)</source>
            <translation>
                <numerusform>cả %n đầu</numerusform>
            </translation>
        </message>
        <message>
            <source>Attention patterns — %1, text %2, %3</source>
            <translation>Mẫu chú ý — %1, văn bản %2, %3</translation>
        </message>
        <message>
            <source>Each square is one attention head at the selected layer: row = the token that attends (query), column = the token attended to (key), colour = the attention weight (each row sums to 1; GPT-2 cannot look ahead, so the upper triangle is empty). Click a head to enlarge it, click again for all heads. Many heads put most weight on the first token: a resting place, not a meaning.</source>
            <translation>Mỗi ô vuông là một đầu chú ý ở tầng đã chọn: hàng = token đang chú ý (query), cột = token được chú ý tới (key), màu = trọng số chú ý (mỗi hàng cộng lại bằng 1; GPT-2 không nhìn được về sau nên tam giác trên để trống). Nhấp vào một đầu để phóng to, nhấp lần nữa để xem mọi đầu. Nhiều đầu dồn phần lớn trọng số vào token đầu tiên: đó là chỗ nghỉ, không phải ý nghĩa.</translation>
        </message>
        <message>
            <source>Attention weight</source>
            <translation>Trọng số chú ý</translation>
        </message>
        <message>
            <source>head %1
“%2” (position %3) attends to
“%4” (position %5)
weight %6</source>
            <translation>đầu %1
“%2” (vị trí %3) chú ý tới
“%4” (vị trí %5)
trọng số %6</translation>
        </message>
        <message>
            <source>Attention heads</source>
            <translation>Các đầu chú ý</translation>
        </message>
        <message>
            <source>Where the target “%1” attends most:</source>
            <translation>Nơi từ đích “%1” chú ý nhiều nhất:</translation>
        </message>
        <message>
            <source>head %1: %2</source>
            <translation>đầu %1: %2</translation>
        </message>
    </context>
    <context>
        <name>laminar::AttentionTargetView</name>
        <message>
            <source>Where the target “%1” looks — text %2, mean over heads</source>
            <translation>Từ đích “%1” nhìn vào đâu — văn bản %2, trung bình các đầu</translation>
        </message>
        <message>
            <source>Columns are layers, rows the tokens of the text up to the target word: colour is the attention the target token pays to each of them, averaged over the heads (each column sums to 1). Watch which earlier words the target gathers information from as depth grows.</source>
            <translation>Cột là các tầng, hàng là các token của văn bản tính đến từ đích: màu là sự chú ý mà token đích dành cho từng token, lấy trung bình qua các đầu (mỗi cột cộng lại bằng 1). Hãy xem từ đích thu thập thông tin từ những từ nào đứng trước khi đi sâu dần.</translation>
        </message>
        <message>
            <source>Token attended to</source>
            <translation>Token được chú ý tới</translation>
        </message>
        <message>
            <source>Attention weight</source>
            <translation>Trọng số chú ý</translation>
        </message>
        <message>
            <source>%1
“%2” (position %3)
attention from the target %4</source>
            <translation>%1
“%2” (vị trí %3)
chú ý từ từ đích %4</translation>
        </message>
        <message>
            <source>Target's attention</source>
            <translation>Chú ý của từ đích</translation>
        </message>
        <message>
            <source>Most attended from the target: %1</source>
            <translation>Các token được từ đích chú ý nhiều nhất: %1</translation>
        </message>
    </context>
    <context>
        <name>laminar::ComparedPane</name>
        <message>
            <source>&lt;b&gt;Compared run&lt;/b&gt; (right): %1</source>
            <translation>&lt;b&gt;Lần chạy so sánh&lt;/b&gt; (bên phải): %1</translation>
        </message>
    </context>
    <context>
        <name>laminar::ControlToggle</name>
        <message>
            <source>Show the %1</source>
            <translation>Hiện %1</translation>
        </message>
        <message>
            <source>Draw the %1 instead of the run: the same figure, text and settings, so the two can be compared by ticking and unticking.</source>
            <translation>Vẽ %1 thay cho lần chạy: cùng hình, cùng văn bản và cùng thiết lập, để so sánh hai bên bằng cách đánh dấu rồi bỏ dấu.</translation>
        </message>
        <message>
            <source>The %1 has no layer to show yet: it runs after the run's last layer.</source>
            <translation>%1 chưa có tầng nào để hiện: nó chạy sau tầng cuối cùng của lần chạy.</translation>
        </message>
        <message>
            <source> (%1)</source>
            <translation> (%1)</translation>
        </message>
        <message>
            <source> Shown: the %1, not the run.</source>
            <translation> Đang hiện: %1, không phải lần chạy.</translation>
        </message>
    </context>
    <context>
        <name>laminar::CoreMessages</name>
        <message>
            <source>%1: the file is empty: it holds no texts</source>
            <translation>%1: tệp rỗng: không có văn bản nào</translation>
        </message>
        <message>
            <source>%1: no texts: every line is empty or the target line</source>
            <translation>%1: không có văn bản: mọi dòng đều trống hoặc là dòng khai báo từ đích</translation>
        </message>
        <message>
            <source>%1: no texts: no rows below the header hold a text</source>
            <translation>%1: không có văn bản: không có hàng nào dưới dòng tiêu đề chứa văn bản</translation>
        </message>
        <message>
            <source>%1: no texts: %2 malformed rows and no usable one</source>
            <translation>%1: không có văn bản: %2 hàng sai định dạng và không có hàng nào dùng được</translation>
        </message>
        <message>
            <source>%1: line %2: byte %3 of the line (%4) is not valid UTF-8; sentence files must be saved as UTF-8</source>
            <translation>%1: dòng %2: byte thứ %3 của dòng (%4) không phải UTF-8 hợp lệ; tệp câu phải được lưu dạng UTF-8</translation>
        </message>
        <message>
            <source>%1: is a directory, not a sentence file</source>
            <translation>%1: là một thư mục, không phải tệp câu</translation>
        </message>
        <message>
            <source>%1: unsupported sentence file type "%2" (use .txt, .csv, .tsv or .json)</source>
            <translation>%1: kiểu tệp câu "%2" không được hỗ trợ (hãy dùng .txt, .csv, .tsv hoặc .json)</translation>
        </message>
        <message>
            <source>%1 empty text(s) ignored (line %2)</source>
            <translation>bỏ qua %1 văn bản trống (dòng %2)</translation>
        </message>
        <message>
            <source>%1 fields where the header has %2 (a comma inside a text must be quoted); row skipped</source>
            <translation>%1 trường trong khi dòng tiêu đề có %2 (dấu phẩy bên trong văn bản phải được đặt trong ngoặc kép); bỏ qua hàng này</translation>
        </message>
        <message>
            <source>%1 fields where the header has %2 (a tab inside a text must be quoted); row skipped</source>
            <translation>%1 trường trong khi dòng tiêu đề có %2 (dấu tab bên trong văn bản phải được đặt trong ngoặc kép); bỏ qua hàng này</translation>
        </message>
        <message>
            <source>%1: no text contains the target "%2"</source>
            <translation>%1: không có văn bản nào chứa từ đích "%2"</translation>
        </message>
        <message>
            <source>%1: no text contains the target "%2" (matching is case-sensitive)</source>
            <translation>%1: không có văn bản nào chứa từ đích "%2" (so khớp có phân biệt chữ hoa, chữ thường)</translation>
        </message>
        <message>
            <source>%1: no usable text (%2 problems, see the diagnostics)</source>
            <translation>%1: không có văn bản dùng được (%2 vấn đề, xem phần chẩn đoán)</translation>
        </message>
        <message>
            <source>nested square brackets; text skipped</source>
            <translation>dấu ngoặc vuông lồng nhau; bỏ qua văn bản này</translation>
        </message>
        <message>
            <source>a "]" without a matching "["; text skipped</source>
            <translation>dấu "]" không có dấu "[" tương ứng; bỏ qua văn bản này</translation>
        </message>
        <message>
            <source>empty square brackets "[]"; text skipped</source>
            <translation>cặp ngoặc vuông rỗng "[]"; bỏ qua văn bản này</translation>
        </message>
        <message>
            <source>a "[" that is never closed; text skipped</source>
            <translation>dấu "[" không được đóng lại; bỏ qua văn bản này</translation>
        </message>
        <message>
            <source>no occurrence of the target "%1"; text skipped</source>
            <translation>không có lần xuất hiện nào của từ đích "%1"; bỏ qua văn bản này</translation>
        </message>
        <message>
            <source>no marked occurrence of the target "%1"; text skipped</source>
            <translation>không có lần xuất hiện nào được đánh dấu của từ đích "%1"; bỏ qua văn bản này</translation>
        </message>
        <message>
            <source>the marked text "[%1]" is not the target "%2"</source>
            <translation>phần được đánh dấu "[%1]" không phải từ đích "%2"</translation>
        </message>
        <message>
            <source>%1 tokens, longer than the model's n_positions (%2); text skipped</source>
            <translation>%1 token, dài hơn n_positions của mô hình (%2); bỏ qua văn bản này</translation>
        </message>
        <message>
            <source>%1 occurrences of "%2"; the first (token %3) is used (mark the intended one with square brackets)</source>
            <translation>%1 lần xuất hiện của "%2"; lần đầu tiên (token %3) được dùng (hãy đánh dấu lần xuất hiện cần xét bằng dấu ngoặc vuông)</translation>
        </message>
        <message>
            <source>the target is at token position %1: no token before it to draw a non-target from (position 0 is excluded); skipped for the non-target group</source>
            <translation>từ đích ở vị trí token %1: không có token nào đứng trước để chọn token so sánh (vị trí 0 bị loại trừ); bị bỏ qua trong nhóm token so sánh</translation>
        </message>
        <message>
            <source>only one occurrence of "%1": it forms no pair (pairs are taken within a text)</source>
            <translation>chỉ có một lần xuất hiện của "%1": không tạo được cặp nào (các cặp chỉ lấy trong cùng một văn bản)</translation>
        </message>
        <message>
            <source>%1: mutual information vs distance needs at least 3 occurrences of the target in one text (or 2 pairs in all); found %2 pair(s)</source>
            <translation>%1: thông tin tương hỗ (MI) theo khoảng cách cần ít nhất 3 lần xuất hiện của từ đích trong một văn bản (hoặc tổng cộng 2 cặp); chỉ tìm thấy %2 cặp</translation>
        </message>
        <message>
            <source>%1: no such checkpoint directory</source>
            <translation>%1: không tồn tại thư mục checkpoint này</translation>
        </message>
        <message>
            <source>%1: not a directory (give the checkpoint folder that holds config.json)</source>
            <translation>%1: không phải thư mục (hãy chọn thư mục checkpoint chứa config.json)</translation>
        </message>
        <message>
            <source>%1: no config.json: not a Hugging Face checkpoint directory</source>
            <translation>%1: không có config.json: không phải thư mục checkpoint Hugging Face</translation>
        </message>
        <message>
            <source>%1: has only pytorch_model.bin; Laminar reads model.safetensors (convert the checkpoint, e.g. with transformers' save_pretrained(safe_serialization=True))</source>
            <translation>%1: chỉ có pytorch_model.bin; Laminar đọc model.safetensors (hãy chuyển đổi checkpoint, ví dụ bằng save_pretrained(safe_serialization=True) của transformers)</translation>
        </message>
        <message>
            <source>%1: no model.safetensors or model.safetensors.index.json</source>
            <translation>%1: không có model.safetensors hoặc model.safetensors.index.json</translation>
        </message>
        <message>
            <source>%1: tensor '%2' has shape %3 but config.json needs %4</source>
            <translation>%1: tensor '%2' có kích thước %3 nhưng config.json cần %4</translation>
        </message>
        <message>
            <source>%1: tensor '%2' has dtype %3; GPT-2 weights must be F32, F16 or BF16</source>
            <translation>%1: tensor '%2' có kiểu dữ liệu %3; trọng số GPT-2 phải là F32, F16 hoặc BF16</translation>
        </message>
        <message>
            <source>%1: tensor '%2' has shape %3, unlike wte %4: untied LM head not supported</source>
            <translation>%1: tensor '%2' có kích thước %3, khác với wte %4: không hỗ trợ đầu LM không gắn với wte</translation>
        </message>
        <message>
            <source>%1: field '%2' is missing; GPT-2 needs it</source>
            <translation>%1: trường '%2' bị thiếu; GPT-2 cần tham số này</translation>
        </message>
        <message>
            <source>%1: no GPT-2 tokenizer here: expected vocab.json + merges.txt, encoder.json + vocab.bpe, or tokenizer.json</source>
            <translation>%1: không có bộ tách token GPT-2 ở đây: cần vocab.json + merges.txt, encoder.json + vocab.bpe hoặc tokenizer.json</translation>
        </message>
        <message>
            <source>%1: file not found (%2 is there; the GPT-2 tokenizer needs both)</source>
            <translation>%1: không tìm thấy tệp (đã có %2; bộ tách token GPT-2 cần cả hai)</translation>
        </message>
        <message>
            <source>%1: not a results directory (no such directory)</source>
            <translation>%1: không phải thư mục kết quả (thư mục không tồn tại)</translation>
        </message>
        <message>
            <source>%1: not a results directory (no results.json)</source>
            <translation>%1: không phải thư mục kết quả (không có results.json)</translation>
        </message>
        <message>
            <source>cannot find Laminar data file '%1'; looked in:%2</source>
            <translation>không tìm thấy tệp dữ liệu '%1' của Laminar; đã tìm trong:%2</translation>
        </message>
        <message>
            <source>%1: file not found</source>
            <translation>%1: không tìm thấy tệp</translation>
        </message>
        <message>
            <source>%1: cannot open: %2</source>
            <translation>%1: không mở được: %2</translation>
        </message>
        <message>
            <source>%1: cannot create: %2</source>
            <translation>%1: không tạo được: %2</translation>
        </message>
        <message>
            <source>%1: cannot create folder: %2</source>
            <translation>%1: không tạo được thư mục: %2</translation>
        </message>
        <message>
            <source>%1: not valid JSON: %2</source>
            <translation>%1: không phải JSON hợp lệ: %2</translation>
        </message>
        <message>
            <source>%1: line %2: not valid JSON: %3</source>
            <translation>%1: dòng %2: không phải JSON hợp lệ: %3</translation>
        </message>
        <message>
            <source>the target is the text's first token: no token before it to draw a non-target from; skipped for the non-target group</source>
            <translation>từ đích là token đầu tiên của văn bản: không có token nào đứng trước để chọn token so sánh; bị bỏ qua trong nhóm token so sánh</translation>
        </message>
        <message>
            <source>%1 empty text(s) ignored (texts index %2)</source>
            <translation>bỏ qua %1 văn bản trống (chỉ số %2 trong “texts”)</translation>
        </message>
        <message>
            <source>%1: is %2 MiB; sentence files are limited to %3 MiB (the model runs on every text): split it</source>
            <translation>%1: dung lượng %2 MiB; tệp câu chỉ được tối đa %3 MiB (mô hình chạy trên từng văn bản): hãy chia nhỏ tệp</translation>
        </message>
        <message>
            <source>"# target:" names no word; give the target another way</source>
            <translation>"# target:" không ghi từ nào; hãy cho biết từ đích bằng cách khác</translation>
        </message>
        <message>
            <source>unexpected text after a closing quote (a quote inside a quoted field must be doubled: ""); row skipped</source>
            <translation>có chữ ngay sau dấu ngoặc kép đóng (dấu ngoặc kép bên trong một trường phải viết đôi: ""); bỏ qua hàng này</translation>
        </message>
        <message>
            <source>%1: line %2: the header has text after a closing quote (a quote inside a quoted field must be doubled: "")</source>
            <translation>%1: dòng %2: dòng tiêu đề có chữ ngay sau dấu ngoặc kép đóng (dấu ngoặc kép bên trong một trường phải viết đôi: "")</translation>
        </message>
        <message>
            <source>%1: line %2: a quoted field is never closed (missing ")</source>
            <translation>%1: dòng %2: một trường mở ngoặc kép nhưng không đóng lại (thiếu ")</translation>
        </message>
        <message>
            <source>%1: line %2: the header has no "text" column (found %3; columns are comma-separated, the first row names them)</source>
            <translation>%1: dòng %2: dòng tiêu đề không có cột "text" (chỉ thấy %3; các cột cách nhau bằng dấu phẩy, hàng đầu tiên ghi tên cột)</translation>
        </message>
        <message>
            <source>%1: line %2: the header has no "text" column (found %3; columns are tab-separated, the first row names them)</source>
            <translation>%1: dòng %2: dòng tiêu đề không có cột "text" (chỉ thấy %3; các cột cách nhau bằng dấu tab, hàng đầu tiên ghi tên cột)</translation>
        </message>
        <message>
            <source>%1: expected a JSON object {"target": "...", "texts": [...]}</source>
            <translation>%1: cần một đối tượng JSON dạng {"target": "...", "texts": [...]}</translation>
        </message>
        <message>
            <source>%1: "target" must be a string</source>
            <translation>%1: "target" phải là một chuỗi ký tự</translation>
        </message>
        <message>
            <source>%1: no "texts" array (expected {"target": "...", "texts": [...]})</source>
            <translation>%1: thiếu mảng "texts" (cần dạng {"target": "...", "texts": [...]})</translation>
        </message>
        <message>
            <source>key "%1" ignored</source>
            <translation>bỏ qua khóa "%1"</translation>
        </message>
        <message>
            <source>is a JSON value of type "%1", not a string; skipped</source>
            <translation>là một giá trị JSON kiểu "%1", không phải chuỗi ký tự; bỏ qua</translation>
        </message>
        <message>
            <source>%1: no texts: "texts" is empty</source>
            <translation>%1: không có văn bản: mảng "texts" rỗng</translation>
        </message>
        <message>
            <source>%1: no texts: every entry of "texts" is empty or not a string</source>
            <translation>%1: không có văn bản: mọi phần tử của "texts" đều rỗng hoặc không phải chuỗi ký tự</translation>
        </message>
        <message>
            <source>The problems of each text are listed under the sentence file.</source>
            <translation>Vấn đề của từng văn bản được liệt kê bên dưới tệp câu.</translation>
        </message>
        <message>
            <source>folder not found</source>
            <translation>không tìm thấy thư mục</translation>
        </message>
        <message>
            <source>%1 cannot be read</source>
            <translation>không đọc được %1</translation>
        </message>
        <message>
            <source>%1 is not valid JSON</source>
            <translation>%1 không phải JSON hợp lệ</translation>
        </message>
        <message>
            <source>config.json is not a JSON object</source>
            <translation>config.json không phải một đối tượng JSON</translation>
        </message>
        <message>
            <source>not a GPT-2 model (config.json model_type is "%1")</source>
            <translation>không phải mô hình GPT-2 (model_type trong config.json là "%1")</translation>
        </message>
        <message>
            <source>config.json lacks n_embd, n_layer or n_head</source>
            <translation>config.json thiếu n_embd, n_layer hoặc n_head</translation>
        </message>
        <message>
            <source>no config.json</source>
            <translation>không có config.json</translation>
        </message>
        <message>
            <source>incomplete download (no config.json yet); run the download again to finish it</source>
            <translation>tải xuống chưa xong (chưa có config.json); hãy tải lại để hoàn tất</translation>
        </message>
        <message>
            <source>model.safetensors.index.json has no "weight_map"</source>
            <translation>model.safetensors.index.json không có "weight_map"</translation>
        </message>
        <message>
            <source>shard %1 named by model.safetensors.index.json is missing</source>
            <translation>thiếu phần tệp %1 mà model.safetensors.index.json nêu tên</translation>
        </message>
        <message>
            <source>model.safetensors.index.json names no shards</source>
            <translation>model.safetensors.index.json không nêu phần tệp nào</translation>
        </message>
        <message>
            <source>only pytorch_model.bin (PyTorch pickle); Laminar reads model.safetensors</source>
            <translation>chỉ có pytorch_model.bin (định dạng pickle của PyTorch); Laminar đọc model.safetensors</translation>
        </message>
        <message>
            <source>no model.safetensors (nor model.safetensors.index.json)</source>
            <translation>không có model.safetensors (cũng không có model.safetensors.index.json)</translation>
        </message>
        <message>
            <source>%1: cannot reach %2; are you offline? Check the network connection, or set HF_ENDPOINT to a mirror you can reach</source>
            <translation>%1: không kết nối được tới %2; máy đang ngoại tuyến? Hãy kiểm tra kết nối mạng, hoặc đặt HF_ENDPOINT thành một máy chủ gương truy cập được</translation>
        </message>
        <message>
            <source>%1: %2 stopped sending data; the connection is too slow or stalled, try again later</source>
            <translation>%1: %2 ngừng gửi dữ liệu; kết nối quá chậm hoặc bị treo, hãy thử lại sau</translation>
        </message>
        <message>
            <source>%1: the connection to %2 was dropped</source>
            <translation>%1: kết nối tới %2 bị ngắt</translation>
        </message>
        <message>
            <source>%1: the download stopped after %2 of %3; the part is kept (%4), run the download again to resume</source>
            <translation>%1: quá trình tải dừng sau %2 trên %3; phần đã tải được giữ lại (%4), hãy tải lại để tiếp tục</translation>
        </message>
        <message>
            <source>HF_HUB_OFFLINE is set, so downloads are disabled; unset it to download %1</source>
            <translation>HF_HUB_OFFLINE đang được đặt nên việc tải xuống bị tắt; hãy bỏ biến này để tải %1</translation>
        </message>
        <message>
            <source>repository %1 not found on the hub (HTTP %2); check the name; if it is private, set HF_TOKEN to an access token</source>
            <translation>không tìm thấy kho %1 trên Hugging Face Hub (HTTP %2); hãy kiểm tra tên; nếu kho ở chế độ riêng tư, hãy đặt HF_TOKEN thành một mã truy cập</translation>
        </message>
        <message>
            <source>repository %1 not found on the hub (HTTP %2); check the name, and that your token may read it</source>
            <translation>không tìm thấy kho %1 trên Hugging Face Hub (HTTP %2); hãy kiểm tra tên và quyền đọc của mã truy cập</translation>
        </message>
        <message>
            <source>revision '%1' not found in %2 (HTTP %3)</source>
            <translation>không tìm thấy phiên bản '%1' trong %2 (HTTP %3)</translation>
        </message>
        <message>
            <source>%1 not found on the hub (404 Not Found)</source>
            <translation>không tìm thấy %1 trên Hugging Face Hub (HTTP 404)</translation>
        </message>
        <message>
            <source>access to %1 denied (%2): the repository is gated or restricted; accept its terms on its hub page and use a token (HF_TOKEN) that may read it</source>
            <translation>không được phép truy cập %1 (%2): kho bị giới hạn; hãy chấp nhận điều khoản trên trang của kho và dùng một mã truy cập (HF_TOKEN) có quyền đọc</translation>
        </message>
        <message>
            <source>the hub refused the access token for %1 (401 Unauthorized); check HF_TOKEN or log in again</source>
            <translation>Hugging Face Hub từ chối mã truy cập cho %1 (HTTP 401); hãy kiểm tra HF_TOKEN hoặc đăng nhập lại</translation>
        </message>
        <message>
            <source>%1 requires authentication (401 Unauthorized); set HF_TOKEN to an access token</source>
            <translation>%1 yêu cầu xác thực (HTTP 401); hãy đặt HF_TOKEN thành một mã truy cập</translation>
        </message>
        <message>
            <source>the hub is rate-limiting requests (429 Too Many Requests) for %1; wait a minute and retry</source>
            <translation>Hugging Face Hub đang giới hạn số yêu cầu (HTTP 429) cho %1; hãy đợi một phút rồi thử lại</translation>
        </message>
        <message>
            <source>the hub had a server error (HTTP %1) for %2; try again later</source>
            <translation>Hugging Face Hub gặp lỗi máy chủ (HTTP %1) với %2; hãy thử lại sau</translation>
        </message>
        <message>
            <source>unexpected HTTP status %1 for %2</source>
            <translation>mã trạng thái HTTP %1 không mong đợi với %2</translation>
        </message>
        <message>
            <source>%1: not a Laminar results file ("format" is not "laminar-results")</source>
            <translation>%1: không phải tệp kết quả của Laminar ("format" khác "laminar-results")</translation>
        </message>
        <message>
            <source>%1: "formatVersion" is not an integer: %2</source>
            <translation>%1: "formatVersion" không phải số nguyên: %2</translation>
        </message>
        <message>
            <source>%1: written by a newer Laminar (format version %2; this one reads up to %3)</source>
            <translation>%1: được ghi bởi một phiên bản Laminar mới hơn (định dạng phiên bản %2; phiên bản này chỉ đọc được đến %3)</translation>
        </message>
        <message>
            <source>%1: malformed results: %2</source>
            <translation>%1: kết quả bị hỏng: %2</translation>
        </message>
        <message>
            <source>%1: malformed "vectors" list: %2</source>
            <translation>%1: danh sách "vectors" bị hỏng: %2</translation>
        </message>
        <message>
            <source>%1: tensor "%2" listed in results.json is missing</source>
            <translation>%1: thiếu tensor "%2" mà results.json liệt kê</translation>
        </message>
        <message>
            <source>%1: metadata.control.directory must name a subdirectory, got "%2"</source>
            <translation>%1: metadata.control.directory phải là tên một thư mục con, nhưng lại là "%2"</translation>
        </message>
        <message>
            <source>%1: the control's experiment "%2" is not the run's</source>
            <translation>%1: thí nghiệm "%2" của phép đối chứng khác với thí nghiệm của lần chạy</translation>
        </message>
        <message>
            <source>%1: a control has no control of its own, but metadata.control.directory is "%2"</source>
            <translation>%1: phép đối chứng không có phép đối chứng riêng của nó, nhưng metadata.control.directory là "%2"</translation>
        </message>
        <message>
            <source>%1: tensor '%2' contains %3 at index %4 (weights must be finite numbers; the file is corrupt)</source>
            <translation>%1: tensor '%2' chứa %3 tại chỉ số %4 (trọng số phải là số hữu hạn; tệp đã bị hỏng)</translation>
        </message>
        <message>
            <source>%1: tensor '%2' is not a parameter of GPT-2 with %3 layers (unexpected tensor)</source>
            <translation>%1: tensor '%2' không phải là tham số của GPT-2 có %3 tầng (tensor không mong đợi)</translation>
        </message>
        <message>
            <source>%1: tensor '%2' is missing; GPT-2 with %3 layers needs it</source>
            <translation>%1: thiếu tensor '%2'; GPT-2 có %3 tầng cần tensor này</translation>
        </message>
        <message>
            <source>%1: shard '%2' listed in weight_map does not exist in %3</source>
            <translation>%1: tệp phân đoạn '%2' có trong weight_map nhưng không tồn tại trong %3</translation>
        </message>
        <message>
            <source>%1: not a regular file</source>
            <translation>%1: không phải tệp thông thường</translation>
        </message>
        <message>
            <source>%1: tokenizer directory not found</source>
            <translation>%1: không tìm thấy thư mục bộ tách token</translation>
        </message>
        <message>
            <source>%1: not a directory (expected a tokenizer or checkpoint directory)</source>
            <translation>%1: không phải thư mục (cần thư mục bộ tách token hoặc thư mục checkpoint)</translation>
        </message>
        <message>
            <source>%1: expected a JSON object of token -&gt; id, found a JSON %2</source>
            <translation>%1: cần một đối tượng JSON ánh xạ token -&gt; mã số, nhưng đây là JSON kiểu "%2"</translation>
        </message>
        <message>
            <source>%1: the vocabulary is empty</source>
            <translation>%1: bộ từ vựng rỗng</translation>
        </message>
        <message>
            <source>%1: token %2 has value %3; expected a non-negative integer token id</source>
            <translation>%1: token %2 có giá trị %3; mã token phải là số nguyên không âm</translation>
        </message>
        <message>
            <source>%1: line %2: token %3 has value %4; expected a non-negative integer token id</source>
            <translation>%1: dòng %2: token %3 có giá trị %4; mã token phải là số nguyên không âm</translation>
        </message>
        <message>
            <source>%1: %2: token %3 has value %4; expected a non-negative integer token id</source>
            <translation>%1: %2: token %3 có giá trị %4; mã token phải là số nguyên không âm</translation>
        </message>
        <message>
            <source>%1: tokens %2 and %3 both have id %4</source>
            <translation>%1: hai token %2 và %3 có cùng mã %4</translation>
        </message>
        <message>
            <source>%1: line %2: tokens %3 and %4 both have id %5</source>
            <translation>%1: dòng %2: hai token %3 và %4 có cùng mã %5</translation>
        </message>
        <message>
            <source>%1: %2: tokens %3 and %4 both have id %5</source>
            <translation>%1: %2: hai token %3 và %4 có cùng mã %5</translation>
        </message>
        <message>
            <source>%1: no token for byte %2 (spelled %3); a GPT-2 byte-level vocabulary has all 256 single-byte tokens</source>
            <translation>%1: không có token cho byte %2 (viết là %3); bộ từ vựng GPT-2 mức byte phải có đủ 256 token một byte</translation>
        </message>
        <message>
            <source>%1: line %2: expected two tokens separated by one space, found %3</source>
            <translation>%1: dòng %2: cần hai token cách nhau bằng đúng một dấu cách, nhưng lại gặp %3</translation>
        </message>
        <message>
            <source>%1: %2: expected two tokens separated by one space, found %3</source>
            <translation>%1: %2: cần hai token cách nhau bằng đúng một dấu cách, nhưng lại gặp %3</translation>
        </message>
        <message>
            <source>%1: %2: expected "left right" or ["left", "right"], found %3</source>
            <translation>%1: %2: cần dạng "trái phải" hoặc ["trái", "phải"], nhưng lại gặp %3</translation>
        </message>
        <message>
            <source>%1: line %2: merge %3 uses %4, which is not in %5</source>
            <translation>%1: dòng %2: phép gộp %3 dùng %4, là token không có trong %5</translation>
        </message>
        <message>
            <source>%1: %2: merge %3 uses %4, which is not in %5</source>
            <translation>%1: %2: phép gộp %3 dùng %4, là token không có trong %5</translation>
        </message>
        <message>
            <source>%1: line %2: merge %3 produces %4, which is not in %5</source>
            <translation>%1: dòng %2: phép gộp %3 tạo ra %4, là token không có trong %5</translation>
        </message>
        <message>
            <source>%1: %2: merge %3 produces %4, which is not in %5</source>
            <translation>%1: %2: phép gộp %3 tạo ra %4, là token không có trong %5</translation>
        </message>
        <message>
            <source>%1: expected a Hugging Face tokenizer.json with a "model" object</source>
            <translation>%1: cần một tệp tokenizer.json của Hugging Face có đối tượng "model"</translation>
        </message>
        <message>
            <source>%1: model.type is "%2"; GPT-2 needs a "BPE" model</source>
            <translation>%1: model.type là "%2"; GPT-2 cần mô hình kiểu "BPE"</translation>
        </message>
        <message>
            <source>%1: pre_tokenizer is not "ByteLevel"; this is not a GPT-2 byte-level tokenizer</source>
            <translation>%1: pre_tokenizer không phải "ByteLevel"; đây không phải bộ tách token GPT-2 mức byte</translation>
        </message>
        <message>
            <source>%1: pre_tokenizer.add_prefix_space is true; GPT-2's tokenizer does not add a prefix space</source>
            <translation>%1: pre_tokenizer.add_prefix_space đang bật (true); bộ tách token của GPT-2 không thêm dấu cách vào đầu văn bản</translation>
        </message>
        <message>
            <source>%1: model.vocab is missing</source>
            <translation>%1: thiếu model.vocab</translation>
        </message>
        <message>
            <source>%1: model.merges is missing or not an array</source>
            <translation>%1: thiếu model.merges, hoặc model.merges không phải một mảng</translation>
        </message>
        <message>
            <source>tokenizer: token id %1 is not in the vocabulary (%2 tokens, ids 0..%3)</source>
            <translation>bộ tách token: mã token %1 không có trong bộ từ vựng (%2 token, mã từ 0 đến %3)</translation>
        </message>
        <message>
            <source>tokenizer: the text is not valid UTF-8 (byte %1)</source>
            <translation>bộ tách token: văn bản không phải UTF-8 hợp lệ (tại byte %1)</translation>
        </message>
        <message>
            <source>%1: expected a JSON array of strings, found a JSON %2</source>
            <translation>%1: cần một mảng JSON gồm các chuỗi ký tự, nhưng đây là JSON kiểu "%2"</translation>
        </message>
        <message>
            <source>%1: element %2 is a %3, expected a string</source>
            <translation>%1: phần tử %2 là giá trị kiểu "%3", không phải chuỗi ký tự</translation>
        </message>
        <message>
            <source>model '%1': no such folder, and not a model name (gpt2, gpt2-medium, gpt2-large, gpt2-xl or a hub repository id)</source>
            <translation>mô hình '%1': không có thư mục này, và đây cũng không phải tên mô hình (gpt2, gpt2-medium, gpt2-large, gpt2-xl hoặc mã kho trên Hugging Face Hub)</translation>
        </message>
        <message>
            <source>model '%1' in the cache (%2) is not usable: %3; run: %4</source>
            <translation>mô hình '%1' trong bộ nhớ đệm (%2) không dùng được: %3; hãy chạy lệnh "%4"</translation>
        </message>
        <message>
            <source>model '%1' is not downloaded yet (looked in %2); run: %3</source>
            <translation>mô hình '%1' chưa được tải xuống (đã tìm trong %2); hãy chạy lệnh "%3"</translation>
        </message>
        <message>
            <source>unknown model '%1': use one of %2, or a hub repository id such as openai-community/gpt2-xl</source>
            <translation>không nhận ra mô hình '%1': hãy dùng một trong các tên %2, hoặc mã một kho trên Hugging Face Hub, chẳng hạn openai-community/gpt2-xl</translation>
        </message>
        <message>
            <source>%1: expected {"folders": ["/path", ...]}</source>
            <translation>%1: cần dạng {"folders": ["/đường/dẫn", ...]}</translation>
        </message>
        <message>
            <source>%1: "folders" must be a list of paths</source>
            <translation>%1: "folders" phải là một danh sách đường dẫn</translation>
        </message>
        <message>
            <source>%1: folders[%2] is not a string</source>
            <translation>%1: phần tử %2 của "folders" không phải chuỗi ký tự</translation>
        </message>
        <message>
            <source>no X-Repo-Commit header from %1 for %2; is the endpoint (HF_ENDPOINT / --endpoint) a Hugging Face hub or a faithful mirror?</source>
            <translation>%1 không gửi tiêu đề HTTP X-Repo-Commit cho %2; địa chỉ máy chủ (HF_ENDPOINT / --endpoint) có đúng là Hugging Face Hub hoặc một máy chủ gương trung thực không?</translation>
        </message>
        <message>
            <source>no usable ETag from %1 for %2; cannot store the file in the cache</source>
            <translation>%1 không gửi ETag dùng được cho %2; không thể lưu tệp vào bộ nhớ đệm</translation>
        </message>
        <message>
            <source>no file size (X-Linked-Size / Content-Length) from %1 for %2</source>
            <translation>%1 không cho biết kích thước tệp %2 ("X-Linked-Size" / "Content-Length")</translation>
        </message>
        <message>
            <source>unknown dtype '%1' (expected float32, float16 or bfloat16)</source>
            <translation>không nhận ra kiểu dữ liệu '%1' (hãy dùng float32, float16 hoặc bfloat16)</translation>
        </message>
        <message>
            <source>device '%1' requested, but this libtorch has no usable CUDA device</source>
            <translation>đã yêu cầu thiết bị '%1', nhưng bản libtorch này không có thiết bị CUDA nào dùng được</translation>
        </message>
        <message>
            <source>device '%1' does not exist (%2 CUDA devices)</source>
            <translation>không có thiết bị '%1' (máy có %2 thiết bị CUDA)</translation>
        </message>
        <message>
            <source>cannot parse device '%1' (expected cpu, cuda or cuda:N)</source>
            <translation>không hiểu được tên thiết bị '%1' (hãy dùng cpu, cuda hoặc cuda:N)</translation>
        </message>
        <message>
            <source>unknown device '%1' (expected cpu, cuda or cuda:N)</source>
            <translation>không nhận ra thiết bị '%1' (hãy dùng cpu, cuda hoặc cuda:N)</translation>
        </message>
        <message>
            <source>dtype %1 is only supported on CUDA; use float32 on the CPU</source>
            <translation>kiểu dữ liệu %1 chỉ được hỗ trợ trên CUDA; trên CPU hãy dùng float32</translation>
        </message>
        <message>
            <source>activation_function '%1' is not supported</source>
            <translation>activation_function '%1' không được hỗ trợ</translation>
        </message>
        <message>
            <source>%1: write failed: %2</source>
            <translation>%1: ghi không thành công: %2</translation>
        </message>
        <message>
            <source>%1: cannot rename into place: %2</source>
            <translation>%1: không đổi tên được để đặt vào chỗ: %2</translation>
        </message>
        <message>
            <source>%1: cannot replace existing directory: %2</source>
            <translation>%1: không thay được thư mục đang có: %2</translation>
        </message>
        <message>
            <source>%1: read failed</source>
            <translation>%1: đọc không thành công</translation>
        </message>
        <message>
            <source>%1: cannot read: %2</source>
            <translation>%1: không đọc được: %2</translation>
        </message>
        <message>
            <source>%1: cannot write: %2</source>
            <translation>%1: không ghi được: %2</translation>
        </message>
        <message>
            <source>%1: cannot open for checksum</source>
            <translation>%1: không mở được để tính mã kiểm tra</translation>
        </message>
        <message>
            <source>%1: read failed while computing checksum</source>
            <translation>%1: đọc không thành công khi tính mã kiểm tra</translation>
        </message>
        <message>
            <source>%1: cannot query free disk space: %2</source>
            <translation>%1: không hỏi được dung lượng đĩa còn trống: %2</translation>
        </message>
        <message>
            <source>not enough free disk space in %1: the download needs %2, only %3 are free (free some space, or choose another cache folder with --cache-dir or HF_HUB_CACHE)</source>
            <translation>không đủ chỗ trống trên đĩa trong %1: bản tải về cần %2, chỉ còn trống %3 (hãy giải phóng bớt chỗ, hoặc chọn thư mục bộ nhớ đệm khác bằng --cache-dir hay HF_HUB_CACHE)</translation>
        </message>
        <message>
            <source>%1: cannot create lock file: %2</source>
            <translation>%1: không tạo được tệp khóa: %2</translation>
        </message>
        <message>
            <source>%1: another program is downloading this file into the cache right now (lock %2); wait for it to finish, then run again</source>
            <translation>%1: một chương trình khác đang tải tệp này vào bộ nhớ đệm (khóa %2); hãy chờ nó xong rồi chạy lại</translation>
        </message>
        <message>
            <source>%1/model.safetensors.index.json: not valid JSON (%2)</source>
            <translation>%1/model.safetensors.index.json: JSON không hợp lệ (%2)</translation>
        </message>
        <message>
            <source>%1/model.safetensors.index.json: no "weight_map" naming the shards</source>
            <translation>%1/model.safetensors.index.json: không có "weight_map" nêu tên các phần tệp</translation>
        </message>
        <message>
            <source>%1/model.safetensors.index.json: weight_map["%2"] is not a file name</source>
            <translation>%1/model.safetensors.index.json: weight_map["%2"] không phải tên tệp</translation>
        </message>
        <message>
            <source>%1 (revision %2) has no model.safetensors nor model.safetensors.index.json; Laminar reads safetensors checkpoints only</source>
            <translation>%1 (phiên bản %2) không có model.safetensors hay model.safetensors.index.json; Laminar chỉ đọc checkpoint dạng safetensors</translation>
        </message>
        <message>
            <source>%1: the hub answered for commit %2, expected %3; the repository changed during the download, run it again</source>
            <translation>%1: máy chủ trả lời theo commit %2, cần %3; kho đã thay đổi trong lúc tải, hãy chạy lại</translation>
        </message>
        <message>
            <source>%1: cannot create cache folder: %2</source>
            <translation>%1: không tạo được thư mục bộ nhớ đệm: %2</translation>
        </message>
        <message>
            <source>%1: read failed while resuming</source>
            <translation>%1: đọc không thành công khi tải tiếp</translation>
        </message>
        <message>
            <source>%1: the server sent more than the %2 bytes the hub announced; the download was deleted, run it again</source>
            <translation>%1: máy chủ gửi nhiều hơn %2 byte đã báo trước; bản tải về đã bị xóa, hãy chạy lại</translation>
        </message>
        <message>
            <source>%1: the server refused to resume (416)</source>
            <translation>%1: máy chủ từ chối cho tải tiếp (416)</translation>
        </message>
        <message>
            <source>%1: the transfer ended after %2 of %3 (truncated); the part is kept (%4), run the download again to resume</source>
            <translation>%1: việc truyền dữ liệu dừng sau %2 trên %3 (bị cắt); phần đã tải được giữ lại (%4), hãy tải lại để tiếp tục</translation>
        </message>
        <message>
            <source>%1: checksum mismatch: the downloaded data has SHA-256 %2 but the hub announced %3; the damaged download was deleted, run it again</source>
            <translation>%1: mã kiểm tra không khớp: dữ liệu tải về có SHA-256 %2 nhưng máy chủ báo %3; bản tải hỏng đã bị xóa, hãy chạy lại</translation>
        </message>
        <message>
            <source>%1: cannot move the finished download into place: %2</source>
            <translation>%1: không chuyển được bản tải xong vào chỗ: %2</translation>
        </message>
        <message>
            <source>%1: cannot create link to %2: %3</source>
            <translation>%1: không tạo được liên kết tới %2: %3</translation>
        </message>
        <message>
            <source>%1: cannot put link in place: %2</source>
            <translation>%1: không đặt được liên kết vào chỗ: %2</translation>
        </message>
        <message>
            <source>%1: writing the downloaded data failed</source>
            <translation>%1: ghi dữ liệu tải về không thành công</translation>
        </message>
        <message>
            <source>%1: transfer from %2 failed: %3</source>
            <translation>%1: truyền dữ liệu từ %2 không thành công: %3</translation>
        </message>
        <message>
            <source>no such file or folder</source>
            <translation>không có tệp hoặc thư mục này</translation>
        </message>
        <message>
            <source>permission denied</source>
            <translation>không đủ quyền truy cập</translation>
        </message>
        <message>
            <source>operation not permitted</source>
            <translation>thao tác không được phép</translation>
        </message>
        <message>
            <source>no space left on the disk</source>
            <translation>đĩa đã hết chỗ trống</translation>
        </message>
        <message>
            <source>disk quota exceeded</source>
            <translation>đã vượt hạn mức đĩa</translation>
        </message>
        <message>
            <source>the file system is read-only</source>
            <translation>hệ thống tệp chỉ cho phép đọc</translation>
        </message>
        <message>
            <source>it is a folder</source>
            <translation>đây là một thư mục</translation>
        </message>
        <message>
            <source>a part of the path is not a folder</source>
            <translation>một phần của đường dẫn không phải là thư mục</translation>
        </message>
        <message>
            <source>it already exists</source>
            <translation>đã tồn tại</translation>
        </message>
        <message>
            <source>the folder is not empty</source>
            <translation>thư mục không trống</translation>
        </message>
        <message>
            <source>input/output error (the disk or network share failed)</source>
            <translation>lỗi vào/ra (đĩa hoặc ổ mạng chia sẻ bị hỏng)</translation>
        </message>
        <message>
            <source>too many open files</source>
            <translation>quá nhiều tệp đang mở</translation>
        </message>
        <message>
            <source>too many open files in the system</source>
            <translation>hệ thống đang mở quá nhiều tệp</translation>
        </message>
        <message>
            <source>the file name is too long</source>
            <translation>tên tệp quá dài</translation>
        </message>
        <message>
            <source>the device or resource is busy</source>
            <translation>thiết bị hoặc tài nguyên đang bận</translation>
        </message>
        <message>
            <source>cannot move across devices</source>
            <translation>không chuyển được giữa hai thiết bị</translation>
        </message>
        <message>
            <source>too many levels of symbolic links</source>
            <translation>quá nhiều tầng liên kết tượng trưng</translation>
        </message>
        <message>
            <source>out of memory</source>
            <translation>hết bộ nhớ</translation>
        </message>
        <message>
            <source>the file is too large</source>
            <translation>tệp quá lớn</translation>
        </message>
        <message>
            <source>the file is in use</source>
            <translation>tệp đang được dùng</translation>
        </message>
        <message>
            <source>invalid argument</source>
            <translation>đối số không hợp lệ</translation>
        </message>
        <message>
            <source>%1: token similarity needs at least 2 texts containing the target; found %2</source>
            <translation>%1: phép đo độ tương đồng token cần ít nhất 2 văn bản chứa từ đích; chỉ thấy %2</translation>
        </message>
        <message>
            <source>%1: token similarity needs at least 2 texts whose target is at token position %2 or later (for the non-target group); found %3</source>
            <translation>%1: phép đo độ tương đồng token cần ít nhất 2 văn bản có từ đích ở vị trí token %2 trở đi (cho nhóm token so sánh); chỉ thấy %3</translation>
        </message>
        <message>
            <source>--summary-replicates: 0 (no summary) or at least 2 (the interval needs a standard error), got 1</source>
            <translation>Số lần lặp bootstrap của tóm tắt phổ: 0 (không tóm tắt) hoặc ít nhất 2 (khoảng tin cậy cần sai số chuẩn), không thể là 1</translation>
        </message>
        <message>
            <source>%1: text %2 has %3 tokens; position %4 is past its end</source>
            <translation>%1: văn bản %2 có %3 token; vị trí %4 nằm quá cuối văn bản</translation>
        </message>
        <message>
            <source>%1: text %2 does not contain the target "%3" (or the set has fewer texts); choose a text that does</source>
            <translation>%1: văn bản %2 không chứa từ đích "%3" (hoặc tệp có ít văn bản hơn); hãy chọn một văn bản có chứa từ đích</translation>
        </message>
        <message>
            <source>%1: the logit lens needs a text in which a token follows the target; found none</source>
            <translation>%1: logit lens cần một văn bản có token đứng sau từ đích; không tìm thấy văn bản nào như vậy</translation>
        </message>
        <message>
            <source>%1: no "weight_map" object (tensor name -&gt; shard file)</source>
            <translation>%1: không có đối tượng "weight_map" (tên tensor -&gt; tệp phân đoạn)</translation>
        </message>
        <message>
            <source>%1: weight_map: the shard of tensor '%2' is not a file name</source>
            <translation>%1: weight_map: phần tệp của tensor '%2' không phải là tên tệp</translation>
        </message>
        <message>
            <source>%1: weight_map: tensor '%2' names shard '%3', which is outside the checkpoint directory</source>
            <translation>%1: weight_map: tensor '%2' trỏ tới phần tệp '%3', nằm ngoài thư mục checkpoint</translation>
        </message>
        <message>
            <source>%1: weight_map is empty</source>
            <translation>%1: weight_map rỗng</translation>
        </message>
        <message>
            <source>%1: tensor '%2': is not listed in the weight_map of %3</source>
            <translation>%1: tensor '%2': không có trong weight_map của %3</translation>
        </message>
        <message>
            <source>%1: tensor '%2': is listed in %3 as stored in '%4', not in this file</source>
            <translation>%1: tensor '%2': %3 ghi là được lưu trong '%4', không phải trong tệp này</translation>
        </message>
        <message>
            <source>%1: tensor '%2': is stored in more than one shard</source>
            <translation>%1: tensor '%2': được lưu trong nhiều hơn một phần tệp</translation>
        </message>
        <message>
            <source>%1: tensor '%2': duplicates '%3' (%4): the same parameter is stored twice</source>
            <translation>%1: tensor '%2': trùng với '%3' (%4): cùng một tham số được lưu hai lần</translation>
        </message>
        <message>
            <source>%1: weight_map lists tensor '%2' in '%3', but that file does not contain it</source>
            <translation>%1: weight_map ghi tensor '%2' ở '%3', nhưng tệp đó không chứa nó</translation>
        </message>
        <message>
            <source>%1: tensor '%2': differs from wte: untied LM head not supported</source>
            <translation>%1: tensor '%2': khác với wte: Laminar không hỗ trợ LM head không dùng chung trọng số với wte</translation>
        </message>
        <message>
            <source>%1: not a JSON object (expected a Hugging Face GPT-2 config.json)</source>
            <translation>%1: không phải đối tượng JSON (cần một config.json GPT-2 của Hugging Face)</translation>
        </message>
        <message>
            <source>%1: field '%2' (%3) disagrees with its alias '%4' (%5)</source>
            <translation>%1: trường '%2' (%3) mâu thuẫn với tên khác của nó là '%4' (%5)</translation>
        </message>
        <message>
            <source>%1: field '%2' must be an integer, not %3</source>
            <translation>%1: trường '%2' phải là số nguyên, không thể là %3</translation>
        </message>
        <message>
            <source>%1: field '%2' is %3, larger than Laminar supports (at most %4)</source>
            <translation>%1: trường '%2' là %3, lớn hơn mức Laminar hỗ trợ (tối đa %4)</translation>
        </message>
        <message>
            <source>%1: field '%2' must be a positive integer, not %3</source>
            <translation>%1: trường '%2' phải là số nguyên dương, không thể là %3</translation>
        </message>
        <message>
            <source>%1: field '%2' must be true or false, not %3</source>
            <translation>%1: trường '%2' phải là true hoặc false, không thể là %3</translation>
        </message>
        <message>
            <source>%1: field 'model_type' is %2; Laminar runs only "gpt2" checkpoints</source>
            <translation>%1: trường 'model_type' là %2; Laminar chỉ chạy checkpoint "gpt2"</translation>
        </message>
        <message>
            <source>%1: field 'n_head' (%2) does not divide n_embd (%3): attention heads must split the width evenly</source>
            <translation>%1: trường 'n_head' (%2) không chia hết n_embd (%3): các đầu chú ý phải chia đều độ rộng</translation>
        </message>
        <message>
            <source>%1: field 'layer_norm_epsilon' must be a positive number, not %2</source>
            <translation>%1: trường 'layer_norm_epsilon' phải là số dương, không thể là %2</translation>
        </message>
        <message>
            <source>%1: field 'activation_function' is %2; supported: gelu_new, gelu_pytorch_tanh, gelu, relu</source>
            <translation>%1: trường 'activation_function' là %2; các hàm được hỗ trợ: gelu_new, gelu_pytorch_tanh, gelu, relu</translation>
        </message>
        <message>
            <source>%1: field 'add_cross_attention' is %2: cross-attention (encoder-decoder GPT-2) is not supported</source>
            <translation>%1: trường 'add_cross_attention' là %2: Laminar không hỗ trợ chú ý chéo (GPT-2 dạng mã hóa - giải mã)</translation>
        </message>
        <message>
            <source>%1: field 'scale_attn_by_inverse_layer_idx' is %2: attention scaled by 1/layer is not supported</source>
            <translation>%1: trường 'scale_attn_by_inverse_layer_idx' là %2: Laminar không hỗ trợ chú ý được chia theo 1/tầng</translation>
        </message>
        <message>
            <source>%1: field 'scale_attn_weights' is %2: unscaled attention scores are not supported</source>
            <translation>%1: trường 'scale_attn_weights' là %2: Laminar không hỗ trợ điểm chú ý không chia tỷ lệ</translation>
        </message>
        <message>
            <source>%1: field 'tie_word_embeddings' is %2: untied LM head not supported</source>
            <translation>%1: trường 'tie_word_embeddings' là %2: Laminar không hỗ trợ LM head không dùng chung trọng số với wte</translation>
        </message>
        <message>
            <source>%1: cannot stat: %2</source>
            <translation>%1: không đọc được thông tin tệp: %2</translation>
        </message>
        <message>
            <source>%1: cannot memory-map: %2</source>
            <translation>%1: không ánh xạ được tệp vào bộ nhớ: %2</translation>
        </message>
        <message>
            <source>%1: damaged or not a safetensors file: %2</source>
            <translation>%1: tệp safetensors bị hỏng hoặc sai định dạng (chi tiết kỹ thuật: %2)</translation>
        </message>
        <message>
            <source>%1: the saved vectors cannot be used: %2</source>
            <translation>%1: không dùng được các vectơ đã lưu (chi tiết kỹ thuật: %2)</translation>
        </message>
        <message>
            <source>%1: no target word: type one in the Target word field or write "# target: WORD" as the file's first line (a "target" column in .csv/.tsv, "target" in .json)</source>
            <translation>%1: chưa có từ đích: hãy nhập một từ vào ô Từ đích hoặc ghi "# target: TỪ" ở dòng đầu tiên của tệp (cột "target" trong .csv/.tsv, "target" trong .json)</translation>
        </message>
    </context>
    <context>
        <name>laminar::CosineSpectrumView</name>
        <message>
            <source>Group:</source>
            <translation>Nhóm:</translation>
        </message>
        <message>
            <source>Measure:</source>
            <translation>Độ đo:</translation>
        </message>
        <message>
            <source>Block:</source>
            <translation>Khối:</translation>
        </message>
        <message>
            <source>Log colour scale</source>
            <translation>Thang màu logarit</translation>
        </message>
        <message>
            <source>Cosine spectrum — %1, %2, %3</source>
            <translation>Phổ cosine — %1, %2, %3</translation>
        </message>
        <message>
            <source>Left: for every layer (horizontal), the distribution of dimension-by-dimension similarities inside the chosen block of Q, K and V (vertical, −1 to 1); colour is density. Values piling up near +1 and −1 mean dimensions move together or against each other; a band around 0 means they are independent. Right: the selected layer's histograms of all six blocks. Compare with the shuffled baseline, which shows what chance alone gives.</source>
            <translation>Bên trái: với mỗi tầng (trục ngang), phân bố độ tương đồng giữa từng cặp chiều trong khối Q, K, V đã chọn (trục dọc, từ −1 đến 1); màu biểu thị mật độ. Giá trị dồn về gần +1 và −1 nghĩa là các chiều biến thiên cùng chiều hoặc ngược chiều nhau; một dải quanh 0 nghĩa là chúng độc lập. Bên phải: biểu đồ tần suất (histogram) của cả sáu khối ở tầng đang chọn. Hãy so sánh với đường cơ sở xáo trộn, cho thấy kết quả của riêng sự ngẫu nhiên.</translation>
        </message>
        <message>
            <source>%1, %2
similarity %3 … %4
density %5</source>
            <translation>%1, %2
độ tương đồng %3 … %4
mật độ %5</translation>
        </message>
        <message>
            <source>similarity %1</source>
            <translation>độ tương đồng %1</translation>
        </message>
        <message>
            <source>Cosine spectrum</source>
            <translation>Phổ cosine</translation>
        </message>
        <message>
            <source>%1: densest between %2 and %3 (density %4)</source>
            <translation>%1: dày đặc nhất trong khoảng %2 đến %3 (mật độ %4)</translation>
        </message>
    </context>
    <context>
        <name>laminar::ExperimentPanel</name>
        <message>
            <source>%1 min %2 s left</source>
            <translation>còn %1 phút %2 giây</translation>
        </message>
        <message>
            <source>%1 s left</source>
            <translation>còn %1 giây</translation>
        </message>
        <message>
            <source>estimating time left…</source>
            <translation>đang ước tính thời gian còn lại…</translation>
        </message>
        <message>
            <source>Layer %1 of %2 — %3</source>
            <translation>Tầng %1 / %2 — %3</translation>
        </message>
        <message>
            <source>Experiment:</source>
            <translation>Thí nghiệm:</translation>
        </message>
        <message>
            <source>Add &lt;|endoftext|&gt; before each text</source>
            <translation>Thêm &lt;|endoftext|&gt; trước mỗi văn bản</translation>
        </message>
        <message>
            <source>Run</source>
            <translation>Chạy</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Hủy</translation>
        </message>
        <message>
            <source>Untrained control: layer %1 of %2 — %3</source>
            <translation>Mô hình chưa huấn luyện: tầng %1 / %2 — %3</translation>
        </message>
        <message>
            <source>Compare with untrained model</source>
            <translation>So sánh với mô hình chưa huấn luyện</translation>
        </message>
        <message>
            <source>Seed:</source>
            <translation>Hạt giống:</translation>
        </message>
        <message>
            <source>Seed of the untrained model's weights</source>
            <translation>Hạt giống cho trọng số của mô hình chưa huấn luyện</translation>
        </message>
        <message>
            <source>After the run, run the same analysis with the same settings and sentences on a GPT-2 of the same shape with random (untrained) weights, initialised as Hugging Face does from the seed. Its results are drawn beside the run's as grey dash-dotted series (maps of one text: "Show the untrained control" above the figure): what both show comes from the architecture and the method, not from training.</source>
            <translation>Sau lần chạy, chạy lại cùng phân tích với cùng thiết lập và cùng các câu trên một GPT-2 cùng kích thước có trọng số ngẫu nhiên (chưa huấn luyện), khởi tạo như Hugging Face từ hạt giống. Kết quả của nó được vẽ cạnh kết quả của lần chạy bằng các đường chấm gạch màu xám (bản đồ của một văn bản: "Hiện mô hình chưa huấn luyện" phía trên hình): điều cả hai cùng cho thấy đến từ kiến trúc và phương pháp, không phải từ quá trình huấn luyện.</translation>
        </message>
        <message>
            <source>Experiment settings</source>
            <translation>Thiết lập thí nghiệm</translation>
        </message>
    </context>
    <context>
        <name>laminar::ExportDialog</name>
        <message>
            <source>Export all figures</source>
            <translation>Xuất tất cả hình</translation>
        </message>
        <message>
            <source>Export figure</source>
            <translation>Xuất hình</translation>
        </message>
        <message>
            <source>PNG image</source>
            <translation>Ảnh PNG</translation>
        </message>
        <message>
            <source>PDF document (vector)</source>
            <translation>Tài liệu PDF (vectơ)</translation>
        </message>
        <message>
            <source>SVG drawing (vector)</source>
            <translation>Bản vẽ SVG (vectơ)</translation>
        </message>
        <message>
            <source> px</source>
            <translation> px</translation>
        </message>
        <message>
            <source> dpi</source>
            <translation> dpi</translation>
        </message>
        <message>
            <source>Format:</source>
            <translation>Định dạng:</translation>
        </message>
        <message>
            <source>Width:</source>
            <translation>Chiều rộng:</translation>
        </message>
        <message>
            <source>Height:</source>
            <translation>Chiều cao:</translation>
        </message>
        <message>
            <source>Resolution (PNG):</source>
            <translation>Độ phân giải (PNG):</translation>
        </message>
        <message>
            <source>Also export the data behind each figure (CSV)</source>
            <translation>Xuất cả dữ liệu của từng hình (CSV)</translation>
        </message>
        <message>
            <source>Export</source>
            <translation>Xuất</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Hủy</translation>
        </message>
        <message>
            <source>Include the caption below the figure</source>
            <translation>Kèm chú thích bên dưới hình</translation>
        </message>
        <message>
            <source>Draw the layer cursor's line</source>
            <translation>Vẽ đường đánh dấu tầng đang xem</translation>
        </message>
        <message>
            <source>Preset:</source>
            <translation>Khổ định sẵn:</translation>
        </message>
        <message>
            <source>%1 x %2 cm</source>
            <translation>%1 x %2 cm</translation>
        </message>
    </context>
    <context>
        <name>laminar::FigureExport</name>
        <message>
            <source>%1: cannot write the file (%2)</source>
            <translation>%1: không ghi được tệp (%2)</translation>
        </message>
        <message>
            <source>%1: the view has no results to export yet</source>
            <translation>%1: khung nhìn này chưa có kết quả để xuất</translation>
        </message>
        <message>
            <source>UNTRAINED MODEL (random weights): nothing here was learned from language</source>
            <translation>MÔ HÌNH CHƯA HUẤN LUYỆN (trọng số ngẫu nhiên): không có gì ở đây được học từ ngôn ngữ</translation>
        </message>
        <message>
            <source>Custom size</source>
            <translation>Kích thước tùy chọn</translation>
        </message>
        <message>
            <source>Slide (16:9, large type, caption)</source>
            <translation>Trang chiếu (16:9, chữ lớn, kèm chú thích)</translation>
        </message>
        <message>
            <source>Publication, single column (8.5 cm)</source>
            <translation>Bài báo, một cột (8,5 cm)</translation>
        </message>
        <message>
            <source>Publication, double column (17.5 cm)</source>
            <translation>Bài báo, hai cột (17,5 cm)</translation>
        </message>
    </context>
    <context>
        <name>laminar::FigureView</name>
        <message>
            <source>text %1</source>
            <translation>văn bản %1</translation>
        </message>
        <message>
            <source>text %1 (line %2): “%3”</source>
            <translation>văn bản %1 (dòng %2): “%3”</translation>
        </message>
        <message>
            <source>Layer %1 of %2.</source>
            <translation>Tầng %1 / %2.</translation>
        </message>
        <message>
            <source>No results yet.</source>
            <translation>Chưa có kết quả.</translation>
        </message>
        <message>
            <source>Its numbers: File &gt; Export figure data (CSV).</source>
            <translation>Các con số của hình: Tệp &gt; Xuất dữ liệu của hình (CSV).</translation>
        </message>
        <message>
            <source>Legend: %1.</source>
            <translation>Chú giải: %1.</translation>
        </message>
    </context>
    <context>
        <name>laminar::Labels</name>
        <message>
            <source>Layer</source>
            <translation>Tầng</translation>
        </message>
        <message>
            <source>Layer %1</source>
            <translation>Tầng %1</translation>
        </message>
        <message>
            <source>target token</source>
            <translation>token đích</translation>
        </message>
        <message>
            <source>non-target token</source>
            <translation>token so sánh</translation>
        </message>
        <message>
            <source>target</source>
            <translation>đích</translation>
        </message>
        <message>
            <source>non-target</source>
            <translation>so sánh</translation>
        </message>
        <message>
            <source>cosine similarity</source>
            <translation>độ tương đồng cosine</translation>
        </message>
        <message>
            <source>correlation coefficient</source>
            <translation>hệ số tương quan</translation>
        </message>
        <message>
            <source>shuffled baseline (cosine)</source>
            <translation>đường cơ sở xáo trộn (cosine)</translation>
        </message>
        <message>
            <source>attention</source>
            <translation>attention (cơ chế chú ý)</translation>
        </message>
        <message>
            <source>MLP</source>
            <translation>MLP</translation>
        </message>
        <message>
            <source>Bonferroni</source>
            <translation>Bonferroni</translation>
        </message>
        <message>
            <source>false discovery rate (FDR)</source>
            <translation>tỷ lệ phát hiện sai (FDR)</translation>
        </message>
        <message>
            <source>Similarity</source>
            <translation>Độ tương đồng</translation>
        </message>
        <message>
            <source>Density</source>
            <translation>Mật độ</translation>
        </message>
        <message>
            <source>Mutual information (nats)</source>
            <translation>Thông tin tương hỗ (nat)</translation>
        </message>
        <message>
            <source>Token distance</source>
            <translation>Khoảng cách token</translation>
        </message>
        <message>
            <source>Occurrence</source>
            <translation>Lần xuất hiện</translation>
        </message>
        <message>
            <source>Text</source>
            <translation>Văn bản</translation>
        </message>
        <message>
            <source>significant</source>
            <translation>có ý nghĩa thống kê</translation>
        </message>
        <message>
            <source>untrained control</source>
            <translation>mô hình chưa huấn luyện</translation>
        </message>
        <message>
            <source> Greyed dash-dotted and dotted lines with open circles ("untrained control"): the same analysis, settings and sentences on an untrained GPT-2 of the same shape (random weights as Hugging Face initialises them, seed %1); what the model and its untrained control share comes from the architecture and the method, not from training.</source>
            <translation> Các đường chấm gạch và đường chấm màu xám nhạt có vòng tròn rỗng ("mô hình chưa huấn luyện"): cùng phân tích, cùng thiết lập và cùng các câu trên một GPT-2 chưa huấn luyện có cùng kích thước (trọng số ngẫu nhiên khởi tạo như Hugging Face, hạt giống %1); điều mà mô hình và mô hình chưa huấn luyện của nó cùng có đến từ kiến trúc và phương pháp, không phải từ quá trình huấn luyện.</translation>
        </message>
        <message>
            <source>compared run</source>
            <translation>lần chạy so sánh</translation>
        </message>
        <message>
            <source> Greyed dash-dotted and dotted lines with open circles ("compared run"): the same analysis from the results folder %1 (sentences %2, model %3), drawn for comparison.</source>
            <translation> Các đường chấm gạch và chấm màu xám với vòng tròn rỗng ("lần chạy so sánh"): cùng phân tích đó từ thư mục kết quả %1 (câu %2, mô hình %3), vẽ để so sánh.</translation>
        </message>
        <message>
            <source> The compared run is the same analysis from the results folder %1 (sentences %2, model %3).</source>
            <translation> Lần chạy so sánh là cùng phân tích đó từ thư mục kết quả %1 (câu %2, mô hình %3).</translation>
        </message>
        <message>
            <source> The untrained control is the same analysis, settings and sentences on an untrained GPT-2 of the same shape (random weights as Hugging Face initialises them, seed %1).</source>
            <translation> Mô hình chưa huấn luyện là cùng phân tích, cùng thiết lập và cùng các câu trên một GPT-2 chưa huấn luyện có cùng kích thước (trọng số ngẫu nhiên khởi tạo như Hugging Face, hạt giống %1).</translation>
        </message>
        <message>
            <source>“%1” %2</source>
            <translation>“%1” %2</translation>
        </message>
        <message>
            <source>No results yet: press Run, or open a results folder (File menu).</source>
            <translation>Chưa có kết quả: hãy bấm Chạy, hoặc mở một thư mục kết quả (trình đơn Tệp).</translation>
        </message>
    </context>
    <context>
        <name>laminar::LaminarProfileView</name>
        <message>
            <source>Variance (Q, K, V; target vs non-target)</source>
            <translation>Phương sai (Q, K, V; token đích và token so sánh)</translation>
        </message>
        <message>
            <source>Mean of column means</source>
            <translation>Giá trị trung bình của các trung bình cột</translation>
        </message>
        <message>
            <source>Mean of |column means|</source>
            <translation>Giá trị trung bình của |trung bình cột|</translation>
        </message>
        <message>
            <source>Mean MI: attention vs MLP</source>
            <translation>MI trung bình: attention và MLP</translation>
        </message>
        <message>
            <source>Kendall's tau (MI vs token distance)</source>
            <translation>Hệ số tương quan hạng Kendall (MI theo khoảng cách token)</translation>
        </message>
        <message>
            <source>t-test: attention vs MLP MI</source>
            <translation>Kiểm định t: MI của attention và MLP</translation>
        </message>
        <message>
            <source>Fisher Z: attention tau vs MLP tau</source>
            <translation>Biến đổi Fisher Z: tau của attention và tau của MLP</translation>
        </message>
        <message>
            <source>Statistic:</source>
            <translation>Thống kê:</translation>
        </message>
        <message>
            <source>Correction:</source>
            <translation>Hiệu chỉnh:</translation>
        </message>
        <message>
            <source>Laminar profile of context variance. For each layer, the variance across texts of every dimension of Q, K and V, averaged over dimensions, at the target token (solid) and at a non-target token of the same texts (dashed). A target curve above the non-target curve means the layer spreads the target's representation more with context.</source>
            <translation>Diễn biến theo tầng (laminar profile) của phương sai theo ngữ cảnh. Ở mỗi tầng: phương sai giữa các văn bản của từng chiều Q, K, V, lấy trung bình qua các chiều, tại token đích (nét liền) và tại một token so sánh của cùng các văn bản (nét đứt). Đường của token đích nằm trên đường của token so sánh nghĩa là tầng đó làm biểu diễn của từ đích thay đổi theo ngữ cảnh nhiều hơn.</translation>
        </message>
        <message>
            <source>Laminar profile of the mean activation of Q, K and V per layer, at the target token (solid) and a non-target token (dashed). Drift away from zero shows a shared offset that all texts carry at that layer.</source>
            <translation>Diễn biến theo tầng (laminar profile) của giá trị trung bình kích hoạt Q, K, V ở mỗi tầng, tại token đích (nét liền) và một token so sánh (nét đứt). Độ lệch khỏi 0 cho thấy một độ dời chung mà mọi văn bản cùng mang ở tầng đó.</translation>
        </message>
        <message>
            <source>t statistic of the attention vs MLP comparison of pair MIs, per layer. Positive: attention carries more MI than the MLP. Stars mark significant layers after the chosen correction.</source>
            <translation>Thống kê t của kiểm định t so sánh MI theo cặp giữa attention và MLP, ở mỗi tầng. Dương: attention mang nhiều MI hơn MLP. Dấu sao đánh dấu các tầng có ý nghĩa thống kê sau hiệu chỉnh đã chọn.</translation>
        </message>
        <message>
            <source>Fisher Z comparing attention's tau with the MLP's tau, per layer (an approximation: tau is not a Pearson r). Stars mark significant layers after the chosen correction.</source>
            <translation>Biến đổi Fisher Z so sánh tau của attention với tau của MLP ở mỗi tầng (một phép xấp xỉ: tau không phải hệ số r của Pearson). Dấu sao đánh dấu các tầng có ý nghĩa thống kê sau hiệu chỉnh đã chọn.</translation>
        </message>
        <message>
            <source>Variance</source>
            <translation>Phương sai</translation>
        </message>
        <message>
            <source>Mean</source>
            <translation>Giá trị trung bình</translation>
        </message>
        <message>
            <source>Kendall's tau</source>
            <translation>Tau của Kendall</translation>
        </message>
        <message>
            <source>t statistic</source>
            <translation>Thống kê t</translation>
        </message>
        <message>
            <source>Fisher Z</source>
            <translation>Fisher Z</translation>
        </message>
        <message>
            <source>t (attention − MLP)</source>
            <translation>t (attention − MLP)</translation>
        </message>
        <message>
            <source>Z (attention − MLP)</source>
            <translation>Z (attention − MLP)</translation>
        </message>
        <message>
            <source>%1 (%2)</source>
            <translation>%1 (%2)</translation>
        </message>
        <message>
            <source>Laminar profile</source>
            <translation>Diễn biến theo tầng</translation>
        </message>
        <message>
            <source>Mean mutual information (MI) between the target's occurrences above the estimator floor (each pair's MI minus the same estimator's MI with one vector shuffled: its value at zero dependence), per layer, for the attention output and the MLP output; bands are ± one standard error over occurrence pairs. Stars mark layers where a t-test on these values finds attention and MLP different after the chosen multiple-comparison correction.</source>
            <translation>Thông tin tương hỗ (MI) trung bình giữa các lần xuất hiện của từ đích, tính trên mức nền của bộ ước lượng (MI của mỗi cặp trừ MI của cùng bộ ước lượng khi một vectơ bị xáo trộn: giá trị của nó khi không có phụ thuộc), ở mỗi tầng, cho đầu ra attention và đầu ra MLP; dải mờ là ± một sai số chuẩn trên các cặp lần xuất hiện. Dấu sao đánh dấu các tầng mà kiểm định t trên chính các giá trị này cho thấy attention và MLP khác nhau sau hiệu chỉnh đa so sánh đã chọn.</translation>
        </message>
        <message>
            <source>MI above estimator floor (nats)</source>
            <translation>MI trên mức nền bộ ước lượng (nat)</translation>
        </message>
        <message>
            <source>Attention − MLP MI with its permutation null</source>
            <translation>MI attention − MLP cùng phân phối H0 theo hoán vị</translation>
        </message>
        <message>
            <source>Mean mutual information (MI) between the target's occurrences, per layer, for the attention output and the MLP output; bands are ± one standard error over occurrence pairs. Dotted lines: the estimator floor (the same estimator on x against a shuffled y: its value at zero dependence). Stars mark layers where a t-test finds attention and MLP different after the chosen multiple-comparison correction.</source>
            <translation>Thông tin tương hỗ (MI) trung bình giữa các lần xuất hiện của từ đích ở mỗi tầng, cho đầu ra attention và đầu ra MLP; dải mờ là ± một sai số chuẩn trên các cặp lần xuất hiện. Đường chấm: mức nền của bộ ước lượng (cùng bộ ước lượng trên x và y đã xáo trộn: giá trị của nó khi không có phụ thuộc). Dấu sao đánh dấu các tầng mà kiểm định t cho thấy attention và MLP khác nhau sau hiệu chỉnh đa so sánh đã chọn.</translation>
        </message>
        <message>
            <source>Kendall's tau between token distance and MI of each occurrence pair, per layer. Negative values mean that closer occurrences share more information. Shaded: the central 95% of tau when distances are shuffled within each text (permutation null); diamonds mark layers whose permutation p-value stays significant after Benjamini-Hochberg over layers.</source>
            <translation>Hệ số tương quan hạng Kendall (tau) giữa khoảng cách token và MI của từng cặp lần xuất hiện, ở mỗi tầng. Giá trị âm nghĩa là các lần xuất hiện gần nhau chia sẻ nhiều thông tin hơn. Vùng tô: 95% ở giữa của tau khi xáo trộn khoảng cách trong từng văn bản (phân phối H0 theo hoán vị); hình thoi đánh dấu các tầng có giá trị p hoán vị vẫn có ý nghĩa sau hiệu chỉnh Benjamini–Hochberg trên các tầng.</translation>
        </message>
        <message>
            <source>Mean over occurrence pairs of attention MI minus MLP MI, per layer (the MI the run compares). Shaded: the central 95% of the same mean when the two sites are swapped at random within each pair (permutation null); diamonds mark layers whose permutation p-value stays significant after Benjamini-Hochberg over layers (known when all layers are done).</source>
            <translation>Trung bình trên các cặp lần xuất hiện của MI attention trừ MI MLP, ở mỗi tầng (loại MI mà lần chạy đem so sánh). Vùng tô: 95% ở giữa của cùng trung bình đó khi chú ý và MLP được đổi chỗ ngẫu nhiên trong từng cặp (phân phối H0 theo hoán vị); hình thoi đánh dấu các tầng có giá trị p hoán vị vẫn có ý nghĩa sau hiệu chỉnh Benjamini–Hochberg trên các tầng (biết được khi mọi tầng đã tính xong).</translation>
        </message>
        <message>
            <source>Attention − MLP MI (nats)</source>
            <translation>MI attention − MLP (nat)</translation>
        </message>
        <message>
            <source>attention − MLP</source>
            <translation>attention − MLP</translation>
        </message>
        <message>
            <source>%1: estimator floor</source>
            <translation>%1: mức nền bộ ước lượng</translation>
        </message>
        <message>
            <source>null, central 95% (sites swapped)</source>
            <translation>phân phối H0, 95% ở giữa (đổi chỗ hai đầu ra)</translation>
        </message>
        <message>
            <source>permutation p significant (BH)</source>
            <translation>p hoán vị có ý nghĩa (BH)</translation>
        </message>
        <message>
            <source>%1: null, central 95%</source>
            <translation>%1: phân phối H0, 95% ở giữa</translation>
        </message>
        <message>
            <source>%1: permutation p significant (BH)</source>
            <translation>%1: p hoán vị có ý nghĩa (BH)</translation>
        </message>
        <message>
            <source>%1, %2</source>
            <translation>%1, %2</translation>
        </message>
        <message>
            <source>Difference from the %1</source>
            <translation>Hiệu so với %1</translation>
        </message>
        <message>
            <source>Draw the run minus the %1, layer by layer, one line per series around zero, instead of both: what differs between them at each layer.</source>
            <translation>Vẽ lần chạy trừ đi %1, theo từng tầng, mỗi chuỗi một đường quanh số 0, thay cho cả hai đường: chỗ khác nhau giữa chúng ở mỗi tầng.</translation>
        </message>
        <message>
            <source>Difference view: each line is the run's value minus the %1's at that layer; the dashed line is zero, no difference. </source>
            <translation>Chế độ hiệu: mỗi đường là giá trị của lần chạy trừ giá trị của %1 ở tầng đó; đường nét đứt là số 0, tức không khác nhau. </translation>
        </message>
        <message>
            <source>%1: run − %2</source>
            <translation>%1: lần chạy − %2</translation>
        </message>
        <message>
            <source>Run − %1</source>
            <translation>Lần chạy − %1</translation>
        </message>
        <message>
            <source>%1 (%2; Q, K, V)</source>
            <translation>%1 (%2; Q, K, V)</translation>
        </message>
    </context>
    <context>
        <name>laminar::LogitLensProfileView</name>
        <message numerus="yes">
            <source>Logit lens — the token after the target, %n text(s)</source>
            <translation>
                <numerusform>Thấu kính logit — token sau từ đích, %n văn bản</numerusform>
            </translation>
        </message>
        <message>
            <source>For every text, the residual stream at the target word is read through the output layer at each layer. Top: mean probability of the token that actually follows (bars: ± one standard error over texts). Bottom: its median rank among all tokens (1 = the model's first guess; log scale). A random model stays near rank vocabulary/2 at every layer.</source>
            <translation>Với mỗi văn bản, luồng dư tại từ đích được đọc qua lớp đầu ra ở từng tầng. Trên: xác suất trung bình của token thực sự đứng sau (thanh: ± một sai số chuẩn qua các văn bản). Dưới: thứ hạng trung vị của nó trong mọi token (1 = dự đoán đầu tiên của mô hình; thang log). Một mô hình ngẫu nhiên ở quanh hạng bằng nửa bộ từ vựng ở mọi tầng.</translation>
        </message>
        <message>
            <source>P(actual next token)</source>
            <translation>P(token kế tiếp thực sự)</translation>
        </message>
        <message>
            <source>Median rank</source>
            <translation>Hạng trung vị</translation>
        </message>
        <message>
            <source>Next-token profile</source>
            <translation>Diễn biến theo tầng của token kế tiếp</translation>
        </message>
        <message>
            <source>P(actual next token), %1</source>
            <translation>P(token kế tiếp thực sự), %1</translation>
        </message>
        <message>
            <source>Median rank, %1</source>
            <translation>Hạng trung vị, %1</translation>
        </message>
        <message>
            <source>
%1: mean P(next) %2 ± %3, median rank %4</source>
            <translation>
%1: P(kế tiếp) trung bình %2 ± %3, hạng trung vị %4</translation>
        </message>
        <message>
            <source>mean P(next) %1 ± %2
median rank %3</source>
            <translation>P(kế tiếp) trung bình %1 ± %2
hạng trung vị %3</translation>
        </message>
    </context>
    <context>
        <name>laminar::LogitLensTopView</name>
        <message>
            <source>Logit lens — text %1, after “%2”</source>
            <translation>Thấu kính logit — văn bản %1, sau “%2”</translation>
        </message>
        <message>
            <source> The token that actually follows is “%1”.</source>
            <translation> Token thực sự đứng sau là “%1”.</translation>
        </message>
        <message>
            <source>Each column is one layer: the residual stream after that block, read through the final layer norm and the output layer, gives a next-token distribution. Rows are its most probable tokens (rank 1 on top), colour is the probability. Early layers of a trained model guess vaguely; the last layer is the model's own prediction.</source>
            <translation>Mỗi cột là một tầng: luồng dư sau khối đó, đọc qua lớp chuẩn hóa cuối và lớp đầu ra, cho một phân phối token kế tiếp. Hàng là các token có xác suất cao nhất (hạng 1 ở trên cùng), màu là xác suất. Các tầng đầu của mô hình đã huấn luyện đoán còn mơ hồ; tầng cuối là dự đoán của chính mô hình.</translation>
        </message>
        <message>
            <source>Rank</source>
            <translation>Hạng</translation>
        </message>
        <message>
            <source>Probability</source>
            <translation>Xác suất</translation>
        </message>
        <message>
            <source>%1, rank %2
token “%3” (id %4)
probability %5</source>
            <translation>%1, hạng %2
token “%3” (id %4)
xác suất %5</translation>
        </message>
        <message>
            <source>Top tokens</source>
            <translation>Token hàng đầu</translation>
        </message>
        <message>
            <source>Top tokens: %1</source>
            <translation>Các token đứng đầu: %1</translation>
        </message>
    </context>
    <context>
        <name>laminar::MainWindow</name>
        <message>
            <source>Layer %1 of %2 done</source>
            <translation>Đã xong tầng %1 / %2</translation>
        </message>
        <message numerus="yes">
            <source>Done: %n layer(s) in %1 s</source>
            <translation>
                <numerusform>Hoàn tất: %n tầng trong %1 giây</numerusform>
            </translation>
        </message>
        <message>
            <source>Cancelled. The layers already done stay on screen.</source>
            <translation>Đã hủy. Các tầng đã tính xong vẫn được hiển thị.</translation>
        </message>
        <message>
            <source>Cancelled</source>
            <translation>Đã hủy</translation>
        </message>
        <message>
            <source>About Laminar</source>
            <translation>Giới thiệu Laminar</translation>
        </message>
        <message>
            <source>available</source>
            <translation>khả dụng</translation>
        </message>
        <message>
            <source>not available</source>
            <translation>không khả dụng</translation>
        </message>
        <message>
            <source>Sentences</source>
            <translation>Câu</translation>
        </message>
        <message>
            <source>Model</source>
            <translation>Mô hình</translation>
        </message>
        <message>
            <source>Experiment</source>
            <translation>Thí nghiệm</translation>
        </message>
        <message>
            <source>Play / pause: step through the layers (Space)</source>
            <translation>Phát / tạm dừng: lần lượt qua các tầng (phím cách)</translation>
        </message>
        <message>
            <source>Previous layer (Left)</source>
            <translation>Tầng trước (mũi tên trái)</translation>
        </message>
        <message>
            <source>Next layer (Right)</source>
            <translation>Tầng sau (mũi tên phải)</translation>
        </message>
        <message>
            <source>Layer shown in every view</source>
            <translation>Tầng được hiển thị ở mọi khung nhìn</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>&amp;Tệp</translation>
        </message>
        <message>
            <source>Load sentence file…</source>
            <translation>Mở tệp câu…</translation>
        </message>
        <message>
            <source>Open results folder…</source>
            <translation>Mở thư mục kết quả…</translation>
        </message>
        <message>
            <source>Save results…</source>
            <translation>Lưu kết quả…</translation>
        </message>
        <message>
            <source>Export figure…</source>
            <translation>Xuất hình…</translation>
        </message>
        <message>
            <source>Export all figures…</source>
            <translation>Xuất tất cả hình…</translation>
        </message>
        <message>
            <source>Export figure data (CSV)…</source>
            <translation>Xuất dữ liệu của hình (CSV)…</translation>
        </message>
        <message>
            <source>Run</source>
            <translation>Chạy</translation>
        </message>
        <message>
            <source>Cancel run</source>
            <translation>Hủy lượt chạy</translation>
        </message>
        <message>
            <source>Models…</source>
            <translation>Mô hình…</translation>
        </message>
        <message>
            <source>Quit</source>
            <translation>Thoát</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>&amp;Xem</translation>
        </message>
        <message>
            <source>Presentation mode</source>
            <translation>Chế độ trình chiếu</translation>
        </message>
        <message>
            <source>Play / pause layers</source>
            <translation>Phát / tạm dừng các tầng</translation>
        </message>
        <message>
            <source>Next view</source>
            <translation>Khung nhìn sau</translation>
        </message>
        <message>
            <source>Previous view</source>
            <translation>Khung nhìn trước</translation>
        </message>
        <message>
            <source>&amp;Language</source>
            <translation>&amp;Ngôn ngữ</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>Trợ &amp;giúp</translation>
        </message>
        <message>
            <source>Laminar — looking inside GPT-2</source>
            <translation>Laminar — quan sát bên trong GPT-2</translation>
        </message>
        <message>
            <source>Loading the model…</source>
            <translation>Đang nạp mô hình…</translation>
        </message>
        <message>
            <source>Loading the tokenizer and the sentences…</source>
            <translation>Đang nạp bộ tách token và các câu…</translation>
        </message>
        <message>
            <source>Running: layers appear as they finish.</source>
            <translation>Đang chạy: các tầng hiện ra khi tính xong.</translation>
        </message>
        <message>
            <source>Load a sentence file first (or pick one of the examples).</source>
            <translation>Hãy mở tệp câu trước (hoặc chọn một ví dụ).</translation>
        </message>
        <message>
            <source>Layer %1 / %2</source>
            <translation>Tầng %1 / %2</translation>
        </message>
        <message>
            <source>No layers yet</source>
            <translation>Chưa có tầng nào</translation>
        </message>
        <message>
            <source>Laminar</source>
            <translation>Laminar</translation>
        </message>
        <message>
            <source>Open results folder</source>
            <translation>Mở thư mục kết quả</translation>
        </message>
        <message>
            <source>Opening %1…</source>
            <translation>Đang mở %1…</translation>
        </message>
        <message>
            <source>Opened %1</source>
            <translation>Đã mở %1</translation>
        </message>
        <message>
            <source>Save results as a folder</source>
            <translation>Lưu kết quả thành một thư mục</translation>
        </message>
        <message>
            <source>Saving %1…</source>
            <translation>Đang lưu %1…</translation>
        </message>
        <message>
            <source>Saved %1</source>
            <translation>Đã lưu %1</translation>
        </message>
        <message>
            <source>Export figure</source>
            <translation>Xuất hình</translation>
        </message>
        <message>
            <source>Exported %1</source>
            <translation>Đã xuất %1</translation>
        </message>
        <message>
            <source>Export all figures to a folder</source>
            <translation>Xuất tất cả hình vào một thư mục</translation>
        </message>
        <message numerus="yes">
            <source>Exported %n file(s) to %1</source>
            <translation>
                <numerusform>Đã xuất %n tệp vào %1</numerusform>
            </translation>
        </message>
        <message>
            <source>Export figure data</source>
            <translation>Xuất dữ liệu của hình</translation>
        </message>
        <message>
            <source>Get GPT-2…</source>
            <translation>Tải GPT-2…</translation>
        </message>
        <message>
            <source>Not now</source>
            <translation>Để sau</translation>
        </message>
        <message>
            <source>Generating the untrained twin of the demo model (first use only)…</source>
            <translation>Đang tạo bản sao chưa huấn luyện của mô hình minh họa (chỉ lần dùng đầu tiên)…</translation>
        </message>
        <message>
            <source>⚠ Random weights (a synthetic model or the demo model's untrained twin): these figures show what an untrained network does, nothing learned from language. Use a trained model for findings.</source>
            <translation>⚠ Trọng số ngẫu nhiên (mô hình tổng hợp hoặc bản sao chưa huấn luyện của mô hình minh họa): các hình này cho thấy một mạng chưa huấn luyện hoạt động ra sao, không phải điều gì học được từ ngôn ngữ. Hãy dùng một mô hình đã huấn luyện để có kết quả.</translation>
        </message>
        <message>
            <source>Demo model: 6-layer GPT-2 trained on the Brown corpus, not GPT-2 XL. It learned from one million words of 1961 American English; for findings about GPT-2 use a real checkpoint (Models…).</source>
            <translation>Mô hình minh họa: GPT-2 6 lớp được huấn luyện trên kho ngữ liệu Brown, không phải GPT-2 XL. Nó học từ một triệu từ tiếng Anh Mỹ năm 1961; để có kết quả về GPT-2, hãy dùng một checkpoint thật (Mô hình…).</translation>
        </message>
        <message>
            <source>&lt;b&gt;Welcome to Laminar.&lt;/b&gt; No GPT-2 checkpoint with trained weights is on this computer yet. Get GPT-2 XL (6.4 GB) or a smaller GPT-2 into the Hugging Face cache to look inside a real model; until then the demo model (a small GPT-2 trained on the Brown corpus) works offline.</source>
            <translation>&lt;b&gt;Chào mừng đến với Laminar.&lt;/b&gt; Máy này chưa có checkpoint GPT-2 nào với trọng số đã huấn luyện. Hãy tải GPT-2 XL (6,4 GB) hoặc một GPT-2 nhỏ hơn vào bộ nhớ đệm Hugging Face để xem bên trong một mô hình thật; trong lúc chờ, mô hình minh họa (một GPT-2 nhỏ được huấn luyện trên kho ngữ liệu Brown) vẫn chạy được khi không có mạng.</translation>
        </message>
        <message>
            <source>Previous layer</source>
            <translation>Tầng trước</translation>
        </message>
        <message>
            <source>Next layer</source>
            <translation>Tầng sau</translation>
        </message>
        <message>
            <source>First layer</source>
            <translation>Tầng đầu tiên</translation>
        </message>
        <message>
            <source>Last layer</source>
            <translation>Tầng cuối cùng</translation>
        </message>
        <message>
            <source>Leave presentation mode</source>
            <translation>Thoát chế độ trình chiếu</translation>
        </message>
        <message>
            <source>Autoplay speed</source>
            <translation>Tốc độ tự động chạy</translation>
        </message>
        <message>
            <source>%1 s a layer</source>
            <translation>%1 giây mỗi tầng</translation>
        </message>
        <message>
            <source>Faster</source>
            <translation>Nhanh hơn</translation>
        </message>
        <message>
            <source>Slower</source>
            <translation>Chậm hơn</translation>
        </message>
        <message>
            <source>Big text</source>
            <translation>Chữ lớn</translation>
        </message>
        <message>
            <source>Side panels</source>
            <translation>Các bảng bên</translation>
        </message>
        <message>
            <source>Untrained control: layer %1 of %2 done</source>
            <translation>Mô hình chưa huấn luyện: đã xong tầng %1 / %2</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Hủy</translation>
        </message>
        <message>
            <source>Opening %1 cancelled</source>
            <translation>Đã hủy việc mở %1</translation>
        </message>
        <message>
            <source>What am I looking at?</source>
            <translation>Tôi đang xem gì?</translation>
        </message>
        <message>
            <source>Compare with results folder…</source>
            <translation>So sánh với thư mục kết quả…</translation>
        </message>
        <message>
            <source>Stop comparing</source>
            <translation>Dừng so sánh</translation>
        </message>
        <message>
            <source>Compare with results folder</source>
            <translation>So sánh với thư mục kết quả</translation>
        </message>
        <message>
            <source>Cannot compare: %1 holds %2 with %3 layers, the shown results %4 with %5 layers.</source>
            <translation>Không thể so sánh: %1 chứa %2 với %3 tầng, còn kết quả đang hiển thị là %4 với %5 tầng.</translation>
        </message>
        <message>
            <source>Comparing with %1</source>
            <translation>Đang so sánh với %1</translation>
        </message>
        <message>
            <source>Compared with %1: drawn beside this run in the laminar profile and the spectrum masses view; the profile can draw the difference instead.</source>
            <translation>Đang so sánh với %1: được vẽ bên cạnh lần chạy này trong biểu đồ diễn biến theo tầng và biểu đồ tỷ lệ phổ; biểu đồ diễn biến theo tầng cũng có thể vẽ hiệu giữa hai lần chạy.</translation>
        </message>
        <message>
            <source>Compared with %1: drawn beside this run in the laminar profile, which can draw the difference instead.</source>
            <translation>Đang so sánh với %1: được vẽ bên cạnh lần chạy này trong biểu đồ diễn biến theo tầng; biểu đồ này cũng có thể vẽ hiệu giữa hai lần chạy.</translation>
        </message>
        <message>
            <source>Show another run of the same analysis (another model, target word or seed) with the shown one: inside its figures, or side by side (View &gt; Compare side by side)</source>
            <translation>Hiện một lần chạy khác của cùng phân tích (mô hình khác, từ đích khác hoặc hạt giống khác) cùng với lần chạy đang hiện: vẽ chung trong các biểu đồ của nó, hoặc đặt cạnh nhau (Xem &gt; So sánh cạnh nhau)</translation>
        </message>
        <message>
            <source>Compare side by side</source>
            <translation>So sánh cạnh nhau</translation>
        </message>
        <message>
            <source>While comparing two runs: the compared run in its own views on the right, with the same layer, choices and scales; unchecked, it is drawn inside the shown run's figures</source>
            <translation>Khi so sánh hai lần chạy: lần chạy so sánh hiện trong các biểu đồ riêng ở bên phải, cùng tầng, cùng lựa chọn và cùng thang đo; khi bỏ chọn, nó được vẽ chung trong các biểu đồ của lần chạy đang hiện</translation>
        </message>
        <message>
            <source>Compared with %1: shown side by side on the right, every view at the same layer, with the same choices and scales.</source>
            <translation>Đang so sánh với %1: hiện cạnh nhau ở bên phải, mọi biểu đồ ở cùng tầng, cùng lựa chọn và cùng thang đo.</translation>
        </message>
        <message>
            <source>Play layers</source>
            <translation>Phát các tầng</translation>
        </message>
        <message>
            <source>Layer</source>
            <translation>Tầng</translation>
        </message>
        <message>
            <source>Figures</source>
            <translation>Các hình</translation>
        </message>
        <message>
            <source>&lt;h3&gt;Laminar %1&lt;/h3&gt;&lt;p&gt;A desktop instrument for looking inside GPT-2 layer by layer.&lt;/p&gt;&lt;p&gt;libtorch %2 — CUDA %3&lt;/p&gt;&lt;p&gt;CPU GEMMs: %4&lt;/p&gt;</source>
            <translation>&lt;h3&gt;Laminar %1&lt;/h3&gt;&lt;p&gt;Công cụ máy tính để bàn để quan sát bên trong GPT-2 qua từng tầng.&lt;/p&gt;&lt;p&gt;libtorch %2 — CUDA %3&lt;/p&gt;&lt;p&gt;Phép nhân ma trận (GEMM) trên CPU: %4&lt;/p&gt;</translation>
        </message>
        <message>
            <source>The model ran %1 of the %2 tokens (none after a text's last token read).</source>
            <translation>Mô hình đã chạy %1 trong số %2 token (không chạy token nào sau token cuối cùng được đọc của mỗi văn bản).</translation>
        </message>
    </context>
    <context>
        <name>laminar::MiDistanceView</name>
        <message>
            <source>Mutual information vs token distance — %1</source>
            <translation>Thông tin tương hỗ theo khoảng cách token — %1</translation>
        </message>
        <message>
            <source>%1: τ = %2, p = %3</source>
            <translation>%1: τ = %2, p = %3</translation>
        </message>
        <message>
            <source>%1, occurrences %2 and %3
token distance %4
MI %5 nats</source>
            <translation>%1, lần xuất hiện %2 và %3
khoảng cách token %4
MI %5 nat</translation>
        </message>
        <message>
            <source>MI vs distance</source>
            <translation>MI theo khoảng cách</translation>
        </message>
        <message>
            <source>Each point is one pair of the target's occurrences at the selected layer: its token distance (horizontal) and the MI between the two occurrence vectors (vertical), for the attention output and the MLP output. Lines are Theil–Sen fits; the legend gives Kendall's tau, its p-value and the permutation p-value (distances shuffled within each text). A falling line means closer occurrences share more information. With the default settings the vertical axis is the MI above the estimator floor (pair MI minus the MI of the same pair with one vector shuffled), the value tau is computed on.</source>
            <translation>Mỗi điểm là một cặp lần xuất hiện của từ đích ở tầng đang chọn: khoảng cách token của cặp (trục ngang) và MI giữa hai vectơ (trục dọc), cho đầu ra attention và đầu ra MLP. Các đường thẳng là đường khớp Theil–Sen; chú giải ghi hệ số tương quan hạng Kendall (tau), giá trị p của nó và giá trị p hoán vị (xáo trộn khoảng cách trong từng văn bản). Đường đi xuống nghĩa là các lần xuất hiện gần nhau chia sẻ nhiều thông tin hơn. Với thiết lập mặc định, trục dọc là MI trên mức nền của bộ ước lượng (MI của cặp trừ MI của cùng cặp khi một vectơ bị xáo trộn), chính là giá trị dùng để tính tau.</translation>
        </message>
        <message>
            <source>MI above estimator floor (nats)</source>
            <translation>MI trên mức nền bộ ước lượng (nat)</translation>
        </message>
        <message>
            <source>%1: τ = %2, p = %3, permutation p = %4</source>
            <translation>%1: τ = %2, p = %3, p hoán vị = %4</translation>
        </message>
        <message>
            <source>estimator floor %1 nats, MI above floor %2 nats</source>
            <translation>mức nền bộ ước lượng %1 nat, MI trên mức nền %2 nat</translation>
        </message>
    </context>
    <context>
        <name>laminar::MiEstimatorView</name>
        <message>
            <source>Histogram vs KSG estimate of pair MI — %1</source>
            <translation>Ước lượng MI của cặp bằng histogram và KSG — %1</translation>
        </message>
        <message>
            <source>Each point is one pair of the target's occurrences at the selected layer: its MI from the histogram estimator (horizontal, this run's bins and bias correction) and from the KSG k-nearest-neighbour estimator (vertical), on the same trimmed dimensions. The grey line is equality. The legend gives the Pearson and Spearman correlation of the two estimates across pairs. Points far from the line at one site only mean the estimators disagree there: comparing sites with one estimator then partly compares estimator bias.</source>
            <translation>Mỗi điểm là một cặp lần xuất hiện của từ đích ở tầng đang chọn: MI theo bộ ước lượng histogram (trục ngang, với số ô và hiệu chỉnh độ chệch của lần chạy này) và theo bộ ước lượng k láng giềng gần nhất KSG (trục dọc), trên cùng các chiều đã lọc. Đường màu xám là đường bằng nhau. Chú giải ghi hệ số tương quan Pearson và Spearman của hai ước lượng trên các cặp. Các điểm nằm xa đường này chỉ ở một vị trí nghĩa là hai bộ ước lượng bất đồng ở đó: khi ấy so sánh hai vị trí bằng một bộ ước lượng phần nào là so sánh độ chệch của bộ ước lượng.</translation>
        </message>
        <message>
            <source>Across layers (the layers' mean MIs, both sites): Pearson r = %1, Spearman ρ = %2.</source>
            <translation>Trên các tầng (MI trung bình của mỗi tầng, cả hai vị trí): Pearson r = %1, Spearman ρ = %2.</translation>
        </message>
        <message>
            <source>KSG MI (nats)</source>
            <translation>MI KSG (nat)</translation>
        </message>
        <message>
            <source>%1: Pearson r = %2, Spearman ρ = %3</source>
            <translation>%1: Pearson r = %2, Spearman ρ = %3</translation>
        </message>
        <message>
            <source>%1, occurrences %2 and %3
histogram MI %4 nats
KSG MI %5 nats</source>
            <translation>%1, lần xuất hiện %2 và %3
MI histogram %4 nat
MI KSG %5 nat</translation>
        </message>
        <message>
            <source>Histogram vs KSG</source>
            <translation>Histogram và KSG</translation>
        </message>
        <message>
            <source>Histogram MI (nats)</source>
            <translation>MI histogram (nat)</translation>
        </message>
    </context>
    <context>
        <name>laminar::MiMatrixView</name>
        <message>
            <source>Pairwise mutual information between occurrences — %1</source>
            <translation>Thông tin tương hỗ giữa từng cặp lần xuất hiện — %1</translation>
        </message>
        <message>
            <source>%1, occurrences %2 and %3
token distance %4
MI %5 nats</source>
            <translation>%1, lần xuất hiện %2 và %3
khoảng cách token %4
MI %5 nat</translation>
        </message>
        <message>
            <source>MI matrices</source>
            <translation>Ma trận MI</translation>
        </message>
        <message>
            <source>MI between every pair of the target's occurrences at the selected layer, computed over the dimensions of the attention output (left) and the MLP output (right). Rows and columns are occurrences in text order; brighter cells share more information. Both maps use one colour scale, shared with the control's maps when the run has one.</source>
            <translation>MI giữa mọi cặp lần xuất hiện của từ đích ở tầng đang chọn, tính trên các chiều của đầu ra attention (trái) và đầu ra MLP (phải). Hàng và cột là các lần xuất hiện theo thứ tự trong văn bản; ô càng sáng thì chia sẻ càng nhiều thông tin. Hai bản đồ dùng chung một thang màu, và dùng chung với các bản đồ của mô hình chưa huấn luyện (hoặc lần chạy so sánh) khi lần chạy có một mô hình như vậy.</translation>
        </message>
        <message>
            <source>%1 nats, occurrences %2 and %3 (token distance %4)</source>
            <translation>%1 nat, lần xuất hiện %2 và %3 (khoảng cách token %4)</translation>
        </message>
        <message>
            <source>%1: highest MI %2; lowest %3</source>
            <translation>%1: MI cao nhất %2; thấp nhất %3</translation>
        </message>
    </context>
    <context>
        <name>laminar::MiSignificanceView</name>
        <message>
            <source>Correction:</source>
            <translation>Hiệu chỉnh:</translation>
        </message>
        <message>
            <source>Attention vs MLP across layers — significance with %1</source>
            <translation>Attention và MLP qua các tầng — ý nghĩa thống kê với %1</translation>
        </message>
        <message>
            <source>t</source>
            <translation>t</translation>
        </message>
        <message>
            <source>Z</source>
            <translation>Z</translation>
        </message>
        <message>
            <source>t or Z</source>
            <translation>t hoặc Z</translation>
        </message>
        <message>
            <source>t (attention − MLP MI)</source>
            <translation>t (MI attention − MI MLP)</translation>
        </message>
        <message>
            <source>Z (attention τ − MLP τ)</source>
            <translation>Z (τ attention − τ MLP)</translation>
        </message>
        <message>
            <source>%1 significant (%2)</source>
            <translation>%1 có ý nghĩa thống kê (%2)</translation>
        </message>
        <message>
            <source>not yet known</source>
            <translation>chưa biết</translation>
        </message>
        <message>
            <source>t and Z</source>
            <translation>t và Z</translation>
        </message>
        <message>
            <source>Top: t statistic of the t-test comparing attention and MLP pair MIs, and Fisher Z comparing their Kendall taus, for every layer (red: attention higher, blue: MLP higher). Bottom: the same as profiles. Stars mark layers that stay significant (p &lt; 0.05, or FDR q) after the chosen multiple-comparison correction; the FDR mask appears when all layers are done. Dashed: the paired t-test (every pair is measured at both sites); diamonds mark layers where the permutation test (sites swapped at random within each pair) stays significant after Benjamini-Hochberg over layers.</source>
            <translation>Trên: thống kê t của kiểm định t so sánh MI theo cặp của attention và MLP, và biến đổi Fisher Z so sánh hai hệ số tau của Kendall, ở mọi tầng (đỏ: attention cao hơn, xanh: MLP cao hơn). Dưới: cùng các giá trị dưới dạng diễn biến theo tầng. Dấu sao đánh dấu các tầng vẫn có ý nghĩa thống kê (p &lt; 0,05, hoặc ngưỡng q của FDR) sau hiệu chỉnh đa so sánh đã chọn; các dấu theo FDR chỉ hiện khi mọi tầng đã tính xong. Nét đứt: kiểm định t ghép cặp (mỗi cặp được đo ở cả hai vị trí); hình thoi đánh dấu các tầng mà kiểm định hoán vị (hoán đổi ngẫu nhiên hai vị trí trong từng cặp) vẫn có ý nghĩa sau hiệu chỉnh Benjamini–Hochberg trên các tầng.</translation>
        </message>
        <message>
            <source>paired t (attention − MLP MI)</source>
            <translation>t ghép cặp (MI attention − MI MLP)</translation>
        </message>
        <message>
            <source>paired t = %1, p = %2; Wilcoxon p = %3; permutation p = %4</source>
            <translation>t ghép cặp = %1, p = %2; Wilcoxon p = %3; p hoán vị = %4</translation>
        </message>
        <message>
            <source>permutation p significant (BH)</source>
            <translation>p hoán vị có ý nghĩa (BH)</translation>
        </message>
        <message>
            <source>t = %1, p = %2, adjusted p = %3
Z = %4, p = %5, adjusted p = %6</source>
            <translation>t = %1, p = %2, giá trị p hiệu chỉnh = %3
Z = %4, p = %5, giá trị p hiệu chỉnh = %6</translation>
        </message>
    </context>
    <context>
        <name>laminar::ModelPanel</name>
        <message>
            <source>, cache</source>
            <translation>, bộ nhớ đệm</translation>
        </message>
        <message>
            <source>Choose a checkpoint folder (with config.json)</source>
            <translation>Chọn thư mục checkpoint (có config.json)</translation>
        </message>
        <message>
            <source>%1, %2 M parameters</source>
            <translation>%1, %2 triệu tham số</translation>
        </message>
        <message>
            <source>Shape: %1 — %2 layers, width %3, %4 heads, up to %5 tokens
Parameters: %6 million — memory for the weights: %7 GB</source>
            <translation>Kích thước: %1 — %2 tầng, độ rộng %3, %4 đầu attention, tối đa %5 token
Tham số: %6 triệu — bộ nhớ cho trọng số: %7 GB</translation>
        </message>
        <message>
            <source>Model:</source>
            <translation>Mô hình:</translation>
        </message>
        <message>
            <source>Folder…</source>
            <translation>Thư mục…</translation>
        </message>
        <message>
            <source>Use a GPT-2 checkpoint folder in Hugging Face layout</source>
            <translation>Dùng một thư mục checkpoint GPT-2 theo cấu trúc Hugging Face</translation>
        </message>
        <message>
            <source>Models…</source>
            <translation>Mô hình…</translation>
        </message>
        <message>
            <source>Checkpoints on this computer and GPT-2 models to download</source>
            <translation>Các checkpoint trên máy này và các mô hình GPT-2 có thể tải về</translation>
        </message>
        <message>
            <source>Device:</source>
            <translation>Thiết bị:</translation>
        </message>
        <message>
            <source>Threads:</source>
            <translation>Số luồng:</translation>
        </message>
        <message>
            <source>auto</source>
            <translation>tự động</translation>
        </message>
        <message>
            <source>CPU threads for the model (auto = every core)</source>
            <translation>Số luồng CPU cho mô hình (tự động = mọi lõi)</translation>
        </message>
        <message>
            <source>Precision:</source>
            <translation>Độ chính xác:</translation>
        </message>
        <message>
            <source>Demo model: 6-layer GPT-2 trained on the Brown corpus (not GPT-2 XL)</source>
            <translation>Mô hình minh họa: GPT-2 6 lớp được huấn luyện trên kho ngữ liệu Brown (không phải GPT-2 XL)</translation>
        </message>
        <message>
            <source>Untrained twin of the demo model (random weights, the control)</source>
            <translation>Bản sao chưa huấn luyện của mô hình minh họa (trọng số ngẫu nhiên, để đối chứng)</translation>
        </message>
        <message>
            <source>demo model: 6-layer GPT-2 trained on the Brown corpus, not GPT-2 XL</source>
            <translation>mô hình minh họa: GPT-2 6 lớp được huấn luyện trên kho ngữ liệu Brown, không phải GPT-2 XL</translation>
        </message>
        <message>
            <source>untrained twin of the demo model (random weights)</source>
            <translation>bản sao chưa huấn luyện của mô hình minh họa (trọng số ngẫu nhiên)</translation>
        </message>
        <message>
            <source>Demo model: 6-layer GPT-2 trained on the Brown corpus, not GPT-2 XL. Shipped with Laminar, trained by the project on one million words (docs/demo-model.md).</source>
            <translation>Mô hình minh họa: GPT-2 6 lớp được huấn luyện trên kho ngữ liệu Brown, không phải GPT-2 XL. Đi kèm Laminar, do dự án huấn luyện trên một triệu từ (docs/demo-model.md).</translation>
        </message>
        <message>
            <source>Untrained twin of the demo model: the same shape with the random weights its training started from. Compare the two to see what training added.</source>
            <translation>Bản sao chưa huấn luyện của mô hình minh họa: cùng kích thước, với các trọng số ngẫu nhiên mà quá trình huấn luyện đã bắt đầu từ đó. So sánh hai mô hình để thấy huấn luyện đã thêm vào những gì.</translation>
        </message>
        <message>
            <source>The untrained twin is generated on the first run (a few seconds).</source>
            <translation>Bản sao chưa huấn luyện được tạo ở lần chạy đầu tiên (vài giây).</translation>
        </message>
    </context>
    <context>
        <name>laminar::ModelsDialog</name>
        <message>
            <source>Models</source>
            <translation>Mô hình</translation>
        </message>
        <message>
            <source>&lt;b&gt;On this computer&lt;/b&gt;</source>
            <translation>&lt;b&gt;Trên máy này&lt;/b&gt;</translation>
        </message>
        <message>
            <source>Checkpoint</source>
            <translation>Checkpoint</translation>
        </message>
        <message>
            <source>Shape</source>
            <translation>Kích thước</translation>
        </message>
        <message>
            <source>Size</source>
            <translation>Dung lượng</translation>
        </message>
        <message>
            <source>Where</source>
            <translation>Vị trí</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>Trạng thái</translation>
        </message>
        <message>
            <source>Use this checkpoint</source>
            <translation>Dùng checkpoint này</translation>
        </message>
        <message>
            <source>&lt;b&gt;Download from the Hugging Face hub&lt;/b&gt;</source>
            <translation>&lt;b&gt;Tải về từ Hugging Face hub&lt;/b&gt;</translation>
        </message>
        <message>
            <source>Model</source>
            <translation>Mô hình</translation>
        </message>
        <message>
            <source>Parameters</source>
            <translation>Số tham số</translation>
        </message>
        <message>
            <source>Download size</source>
            <translation>Dung lượng tải về</translation>
        </message>
        <message>
            <source>%1 million</source>
            <translation>%1 triệu</translation>
        </message>
        <message>
            <source>Download</source>
            <translation>Tải về</translation>
        </message>
        <message>
            <source>Cancel download</source>
            <translation>Hủy tải về</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Đóng</translation>
        </message>
        <message>
            <source>Downloaded. The checkpoint is in the list above.</source>
            <translation>Đã tải xong. Checkpoint nằm trong danh sách phía trên.</translation>
        </message>
        <message>
            <source>Download cancelled. Starting it again resumes where it stopped.</source>
            <translation>Đã hủy tải về. Tải lại sẽ tiếp tục từ chỗ đã dừng.</translation>
        </message>
        <message>
            <source>Hugging Face cache: %1 (set HF_HOME or HF_HUB_CACHE to move it)</source>
            <translation>Bộ nhớ đệm Hugging Face: %1 (đặt HF_HOME hoặc HF_HUB_CACHE để chuyển chỗ)</translation>
        </message>
        <message>
            <source>cache</source>
            <translation>bộ nhớ đệm</translation>
        </message>
        <message>
            <source>folder</source>
            <translation>thư mục</translation>
        </message>
        <message>
            <source>usable — random weights</source>
            <translation>dùng được — trọng số ngẫu nhiên</translation>
        </message>
        <message>
            <source>usable</source>
            <translation>dùng được</translation>
        </message>
        <message>
            <source>No GPT-2 checkpoint found. Download one below, or use the demo model.</source>
            <translation>Không tìm thấy checkpoint GPT-2 nào. Hãy tải một mô hình ở dưới, hoặc dùng mô hình minh họa.</translation>
        </message>
        <message>
            <source>Asking the hub what to download…</source>
            <translation>Đang hỏi hub các tệp cần tải…</translation>
        </message>
        <message>
            <source>Demo model: 6-layer GPT-2 trained on the Brown corpus (not GPT-2 XL)</source>
            <translation>Mô hình minh họa: GPT-2 6 lớp được huấn luyện trên kho ngữ liệu Brown (không phải GPT-2 XL)</translation>
        </message>
        <message>
            <source>bundled with Laminar</source>
            <translation>đi kèm Laminar</translation>
        </message>
        <message>
            <source>usable — small trained demo model</source>
            <translation>dùng được — mô hình minh họa nhỏ đã huấn luyện</translation>
        </message>
        <message>
            <source>Checkpoints on this computer</source>
            <translation>Các checkpoint trên máy này</translation>
        </message>
        <message>
            <source>GPT-2 models to download</source>
            <translation>Các mô hình GPT-2 để tải về</translation>
        </message>
    </context>
    <context>
        <name>laminar::NumberFormat</name>
        <message>
            <source>%1/s</source>
            <translation>%1/giây</translation>
        </message>
        <message>
            <source>%1 h %2 min</source>
            <translation>%1 giờ %2 phút</translation>
        </message>
        <message>
            <source>%1 min %2 s</source>
            <translation>%1 phút %2 giây</translation>
        </message>
        <message>
            <source>%1 s</source>
            <translation>%1 giây</translation>
        </message>
    </context>
    <context>
        <name>laminar::ResultsSource</name>
        <message>
            <source>(not recorded)</source>
            <translation>(không được ghi lại)</translation>
        </message>
        <message>
            <source>Results of the run in progress: sentences &lt;b&gt;%1&lt;/b&gt;, model &lt;b&gt;%2&lt;/b&gt;</source>
            <translation>Kết quả của lần chạy đang diễn ra: câu &lt;b&gt;%1&lt;/b&gt;, mô hình &lt;b&gt;%2&lt;/b&gt;</translation>
        </message>
        <message>
            <source>Results of the run at %3: sentences &lt;b&gt;%1&lt;/b&gt;, model &lt;b&gt;%2&lt;/b&gt;</source>
            <translation>Kết quả của lần chạy lúc %3: câu &lt;b&gt;%1&lt;/b&gt;, mô hình &lt;b&gt;%2&lt;/b&gt;</translation>
        </message>
        <message>
            <source>Results opened from %4 (run at %3): sentences &lt;b&gt;%1&lt;/b&gt;, model &lt;b&gt;%2&lt;/b&gt;</source>
            <translation>Kết quả mở từ %4 (chạy lúc %3): câu &lt;b&gt;%1&lt;/b&gt;, mô hình &lt;b&gt;%2&lt;/b&gt;</translation>
        </message>
        <message>
            <source>(not the sentence file open now, %1)</source>
            <translation>(không phải tệp câu đang mở, %1)</translation>
        </message>
        <message>
            <source>Model folder: %1
Sentence file: %2
Sentence file SHA-256: %3
Run created (UTC): %4</source>
            <translation>Thư mục mô hình: %1
Tệp câu: %2
SHA-256 của tệp câu: %3
Thời điểm chạy (UTC): %4</translation>
        </message>
    </context>
    <context>
        <name>laminar::SentencePanel</name>
        <message>
            <source>Load sentence file</source>
            <translation>Mở tệp câu</translation>
        </message>
        <message>
            <source>Sentence files (*.txt *.csv *.tsv *.json);;All files (*)</source>
            <translation>Tệp câu (*.txt *.csv *.tsv *.json);;Mọi tệp (*)</translation>
        </message>
        <message numerus="yes">
            <source>%1 — %n text(s)</source>
            <translation>
                <numerusform>%1 — %n văn bản</numerusform>
            </translation>
        </message>
        <message>
            <source>No recent files</source>
            <translation>Chưa có tệp nào mở gần đây</translation>
        </message>
        <message>
            <source>Examples…</source>
            <translation>Ví dụ…</translation>
        </message>
        <message>
            <source>Load sentence file…</source>
            <translation>Mở tệp câu…</translation>
        </message>
        <message>
            <source>Recent</source>
            <translation>Gần đây</translation>
        </message>
        <message>
            <source>Recently opened sentence files</source>
            <translation>Các tệp câu mở gần đây</translation>
        </message>
        <message>
            <source>Target word:</source>
            <translation>Từ đích:</translation>
        </message>
        <message>
            <source>from the file</source>
            <translation>lấy từ tệp</translation>
        </message>
        <message>
            <source>The word whose token is studied. Leave as read from the file, or type another.</source>
            <translation>Từ có token được nghiên cứu. Giữ nguyên như trong tệp, hoặc nhập từ khác.</translation>
        </message>
        <message>
            <source>Ignore case</source>
            <translation>Không phân biệt hoa thường</translation>
        </message>
        <message>
            <source>Diagnostics</source>
            <translation>Chẩn đoán</translation>
        </message>
        <message>
            <source>No sentence file loaded. Drop a file here or load one.</source>
            <translation>Chưa mở tệp câu nào. Hãy kéo thả một tệp vào đây hoặc mở tệp.</translation>
        </message>
        <message>
            <source>line %1</source>
            <translation>dòng %1</translation>
        </message>
        <message>
            <source>whole file</source>
            <translation>toàn tệp</translation>
        </message>
        <message>
            <source>Tokenizing…</source>
            <translation>Đang tách token…</translation>
        </message>
        <message numerus="yes">
            <source>… and %n more text(s), not shown here</source>
            <translation>
                <numerusform>… và %n văn bản nữa, không hiển thị ở đây</numerusform>
            </translation>
        </message>
        <message>
            <source>Try a sentence:</source>
            <translation>Thử một câu:</translation>
        </message>
        <message>
            <source>type or paste a sentence to see its tokens</source>
            <translation>gõ hoặc dán một câu để xem các token của nó</translation>
        </message>
        <message>
            <source>text %1, line %2 of the file</source>
            <translation>văn bản %1, dòng %2 của tệp</translation>
        </message>
        <message>
            <source>Click to choose this text for the analysis</source>
            <translation>Nhấp để chọn văn bản này cho phân tích</translation>
        </message>
        <message>
            <source>Example sentence sets</source>
            <translation>Các bộ câu ví dụ</translation>
        </message>
        <message>
            <source>Tokens of the texts</source>
            <translation>Các token của các văn bản</translation>
        </message>
        <message>
            <source>Tokens of the sentence tried</source>
            <translation>Các token của câu đang thử</translation>
        </message>
        <message>
            <source>The model will run %1 of the %2 tokens of the texts this analysis reads: each text up to the last token whose activations it needs.</source>
            <translation>Mô hình sẽ chạy %1 trong số %2 token của các văn bản mà phân tích này đọc: mỗi văn bản đến token cuối cùng mà nó cần các giá trị kích hoạt.</translation>
        </message>
    </context>
    <context>
        <name>laminar::SpectrumMassView</name>
        <message>
            <source>Mass:</source>
            <translation>Tỷ lệ:</translation>
        </message>
        <message>
            <source>Block:</source>
            <translation>Khối:</translation>
        </message>
        <message>
            <source>|cos| &gt; %1 (large)</source>
            <translation>|cos| &gt; %1 (lớn)</translation>
        </message>
        <message>
            <source>|cos| &lt; %1 (small)</source>
            <translation>|cos| &lt; %1 (nhỏ)</translation>
        </message>
        <message>
            <source>Share of %1 similarities with |cos| &gt; %2</source>
            <translation>Tỷ lệ độ tương đồng %1 có |cos| &gt; %2</translation>
        </message>
        <message>
            <source>Share of %1 similarities with |cos| &lt; %2</source>
            <translation>Tỷ lệ độ tương đồng %1 có |cos| &lt; %2</translation>
        </message>
        <message>
            <source>This run has no spectrum summary (it was run with 0 summary replicates, or before the summary existed).</source>
            <translation>Lần chạy này không có tóm tắt phổ (chạy với 0 lần lặp tóm tắt, hoặc trước khi có phần tóm tắt).</translation>
        </message>
        <message>
            <source>Share of similarities</source>
            <translation>Tỷ lệ độ tương đồng</translation>
        </message>
        <message>
            <source>%1, %2</source>
            <translation>%1, %2</translation>
        </message>
        <message>
            <source>%1: %2 [%3, %4]</source>
            <translation>%1: %2 [%3, %4]</translation>
        </message>
        <message>
            <source>Spectrum masses</source>
            <translation>Tỷ lệ phổ</translation>
        </message>
        <message>
            <source>seeded replicates: %1</source>
            <translation>số lần lặp có hạt giống: %1</translation>
        </message>
        <message>
            <source>seeded replicates</source>
            <translation>các lần lặp có hạt giống</translation>
        </message>
        <message>
            <source>For each layer, the share of the cosine similarities of block %1 (between dimensions of Q, K, V across sentences) beyond the threshold, at the target token (solid) and a non-target token (dashed). Bands: %2% bootstrap intervals over sentences (the share ± the normal quantile times its bootstrap standard error, %3). A high share of large values is the "smile" of the spectrum; a high share of small values a flat one. Shares depend on the number of sentences: compare runs on the same sentences.</source>
            <translation>Với mỗi tầng, tỷ lệ các độ tương đồng cosine của khối %1 (giữa các chiều của Q, K, V qua các câu) vượt ngưỡng, tại token đích (nét liền) và một token so sánh (nét đứt). Dải màu: khoảng bootstrap %2% theo câu (tỷ lệ ± phân vị chuẩn nhân với sai số chuẩn bootstrap của nó, %3). Tỷ lệ giá trị lớn cao là "nụ cười" của phổ; tỷ lệ giá trị nhỏ cao là phổ phẳng. Tỷ lệ phụ thuộc vào số câu: chỉ so sánh các lần chạy trên cùng các câu.</translation>
        </message>
    </context>
    <context>
        <name>laminar::TextSimilarityView</name>
        <message>
            <source>Group:</source>
            <translation>Nhóm:</translation>
        </message>
        <message>
            <source>Text-by-text cosine similarity — %1, %2</source>
            <translation>Độ tương đồng cosine giữa các văn bản — %1, %2</translation>
        </message>
        <message>
            <source>Cosine similarity between the texts' [Q | K | V] vectors at the chosen token, at the selected layer. Red cells: two texts give the token similar representations; blue: opposite; white: unrelated. A uniformly red map means the layer barely depends on context.</source>
            <translation>Độ tương đồng cosine giữa các vectơ [Q | K | V] của các văn bản tại token đã chọn, ở tầng đang chọn. Ô đỏ: hai văn bản cho token biểu diễn giống nhau; xanh: ngược nhau; trắng: không liên quan. Bản đồ đỏ đều nghĩa là tầng đó hầu như không phụ thuộc ngữ cảnh.</translation>
        </message>
        <message>
            <source>texts %1 and %2
cosine %3</source>
            <translation>văn bản %1 và %2
cosine %3</translation>
        </message>
        <message>
            <source>Text by text</source>
            <translation>Giữa các văn bản</translation>
        </message>
        <message>
            <source>Most similar: texts %1 and %2, cosine %3; least similar: texts %4 and %5, cosine %6</source>
            <translation>Giống nhau nhất: văn bản %1 và %2, cosine %3; khác nhau nhất: văn bản %4 và %5, cosine %6</translation>
        </message>
    </context>
    <context>
        <name>laminar::TokenPreview</name>
        <message>
            <source>Byte-level BPE: GPT-2 cuts text into bytes, not letters. A letter outside English (for example “ệ”, 3 bytes in UTF-8: E1 BB 87) can be split between tokens. Such pieces are shown as their bytes &lt;0x..&gt;; the token that holds the last byte also shows the letter it completes, after “=”.</source>
            <translation>BPE mức byte: GPT-2 cắt văn bản thành các byte chứ không phải chữ cái. Một chữ ngoài bảng chữ tiếng Anh (ví dụ “ệ”, gồm 3 byte UTF-8: E1 BB 87) có thể bị tách ra giữa các token. Những mảnh như vậy được hiển thị bằng chính các byte của chúng &lt;0x..&gt;; token chứa byte cuối cùng còn hiện thêm chữ cái được ghép trọn, sau dấu “=”.</translation>
        </message>
        <message>
            <source>token %1 (id %2), bytes %3</source>
            <translation>token thứ %1 (mã %2), các byte %3</translation>
        </message>
        <message numerus="yes">
            <source>… %n more token(s)</source>
            <translation>
                <numerusform>… thêm %n token</numerusform>
            </translation>
        </message>
        <message>
            <source>orange: target token</source>
            <translation>cam: token đích</translation>
        </message>
        <message>
            <source>Click to choose this token for the analysis</source>
            <translation>Nhấp để chọn token này cho phân tích</translation>
        </message>
        <message>
            <source>Tokens of each numbered text (%1; faded: not run by the model, a text this analysis does not read or the tokens after the last one it needs; grey: beyond the model's context; &lt;0x..&gt;: a byte of a letter split between tokens)</source>
            <translation>Các token của từng văn bản được đánh số (%1; mờ: mô hình không chạy, là văn bản mà phân tích này không đọc hoặc các token sau token cuối cùng nó cần; xám: vượt quá ngữ cảnh của mô hình; &lt;0x..&gt;: một byte của chữ cái bị tách giữa các token)</translation>
        </message>
        <message>
            <source>Not run: the analysis needs no token this late in the text, and in GPT-2 a token never changes an earlier one, so the model stops before it.</source>
            <translation>Không chạy: phân tích không cần token nào ở vị trí muộn như vậy trong văn bản, và trong GPT-2 một token không bao giờ làm thay đổi token đứng trước nó, nên mô hình dừng lại trước token này.</translation>
        </message>
    </context>
    <context>
        <name>laminar::ViewHelp</name>
        <message>
            <source>Tick "Compare with untrained model" to draw the same statistic for an untrained GPT-2 of the same shape (grey). What the trained model and the untrained one share comes from the architecture and the method, not from training. For experiment 2 the profile also carries the permutation bands of Kendall's tau and of attention − MLP.</source>
            <translation>Đánh dấu "So sánh với mô hình chưa huấn luyện" để vẽ cùng thống kê đó cho một GPT-2 chưa huấn luyện có cùng kích thước (màu xám). Những gì mô hình đã huấn luyện và mô hình chưa huấn luyện có chung đến từ kiến trúc và phương pháp, không phải từ quá trình huấn luyện. Với thí nghiệm 2, biểu đồ còn có các dải hoán vị của tau Kendall và của attention − MLP.</translation>
        </message>
        <message>
            <source>The shuffled measure is the baseline: the same vectors with each dimension shuffled across texts, so no dimension depends on another. A spectrum that looks like the shuffled one shows no dependence between dimensions.</source>
            <translation>Phép đo xáo trộn là đường cơ sở: cùng các vectơ nhưng mỗi chiều được xáo trộn giữa các văn bản, nên không chiều nào phụ thuộc vào chiều khác. Một phổ trông giống phổ xáo trộn cho thấy các chiều không phụ thuộc nhau.</translation>
        </message>
        <message>
            <source>The bands are bootstrap intervals over sentences; the untrained control (if run) draws the same shares for random weights. Shares depend on the number of sentences: compare runs on the same sentences.</source>
            <translation>Các dải là khoảng bootstrap theo câu; phép đối chứng chưa huấn luyện (nếu có chạy) vẽ cùng các tỷ lệ cho trọng số ngẫu nhiên. Tỷ lệ phụ thuộc vào số câu: chỉ so sánh các lần chạy trên cùng các câu.</translation>
        </message>
        <message>
            <source>The untrained control shows how similar random weights already make the texts: only what a trained model adds to that was learned.</source>
            <translation>Phép đối chứng chưa huấn luyện cho thấy trọng số ngẫu nhiên đã làm các văn bản giống nhau đến mức nào: chỉ phần mà mô hình đã huấn luyện thêm vào mới là phần học được.</translation>
        </message>
        <message>
            <source>On an untrained GPT-2, MI already falls with token distance (Kendall's tau between about −0.4 and −0.7 at every layer): texts share their prefix, and a causal model averages over it. Compare tau with the untrained control and the permutation band, not with 0. The estimator floor (MI of shuffled pairs) shows the estimator's bias at zero dependence.</source>
            <translation>Trên một GPT-2 chưa huấn luyện, MI đã giảm theo khoảng cách token (tau Kendall khoảng từ −0,4 đến −0,7 ở mọi tầng): các văn bản có chung phần đầu, và một mô hình nhân quả lấy trung bình trên phần đó. Hãy so sánh tau với phép đối chứng chưa huấn luyện và với dải hoán vị, không phải với 0. Mức nền của bộ ước lượng (MI của các cặp đã xáo trộn) cho thấy độ chệch của bộ ước lượng khi không có phụ thuộc.</translation>
        </message>
        <message>
            <source>Each cell is one pair's MI, estimated from few samples and biased upward; the estimator floor and the untrained control give its level without learned structure. Compare whole maps, not single cells.</source>
            <translation>Mỗi ô là MI của một cặp, được ước lượng từ ít mẫu và bị chệch lên trên; mức nền của bộ ước lượng và phép đối chứng chưa huấn luyện cho biết mức của nó khi không có cấu trúc học được. Hãy so sánh cả bản đồ, không phải từng ô.</translation>
        </message>
        <message>
            <source>On an untrained GPT-2, attention MI is above MLP MI at every layer with high significance: the test compares the two sites, not a learned effect. Read the trained model's differences against the untrained control's, and prefer the paired tests (each pair is measured at both sites).</source>
            <translation>Trên một GPT-2 chưa huấn luyện, MI của attention đã cao hơn MI của MLP ở mọi tầng với mức ý nghĩa cao: phép kiểm định so sánh hai vị trí, không phải một hiệu ứng học được. Hãy đọc các khác biệt của mô hình đã huấn luyện so với khác biệt của phép đối chứng chưa huấn luyện, và ưu tiên các kiểm định theo cặp (mỗi cặp được đo ở cả hai vị trí).</translation>
        </message>
        <message>
            <source>The histogram and KSG estimators have different biases; where they disagree, the difference is a property of the estimators, not of the model.</source>
            <translation>Bộ ước lượng biểu đồ tần suất và bộ ước lượng KSG có độ chệch khác nhau; ở chỗ chúng không khớp, khác biệt là đặc tính của các bộ ước lượng, không phải của mô hình.</translation>
        </message>
        <message>
            <source>What is plotted, how to read it:</source>
            <translation>Hình vẽ gì, đọc thế nào:</translation>
        </message>
        <message>
            <source>What a control shows:</source>
            <translation>Phép đối chứng cho thấy gì:</translation>
        </message>
        <message>
            <source>Tick "Compare with untrained model" to draw the same profile for an untrained GPT-2 of the same shape (grey): the actual next token's median rank stays near vocabulary/2 there. What the trained model gains over the grey lines was learned.</source>
            <translation>Đánh dấu "So sánh với mô hình chưa huấn luyện" để vẽ cùng diễn biến cho một GPT-2 chưa huấn luyện có cùng kích thước (màu xám): ở đó hạng trung vị của token kế tiếp thực sự nằm quanh một nửa kích thước bộ từ vựng. Phần mà mô hình đã huấn luyện vượt lên trên các đường xám là điều đã học được.</translation>
        </message>
        <message>
            <source>An untrained GPT-2 puts the input token itself first at every layer, with probabilities near 1/vocabulary: its output layer is its input embedding (they are tied) and its random blocks change the residual stream little. Only predictions a trained model makes beyond that come from training.</source>
            <translation>Một GPT-2 chưa huấn luyện đặt chính token đầu vào lên đầu ở mọi tầng, với xác suất gần 1/kích thước bộ từ vựng: lớp đầu ra của nó chính là lớp nhúng đầu vào (hai lớp dùng chung trọng số) và các khối ngẫu nhiên thay đổi luồng dư rất ít. Chỉ những dự đoán mà mô hình đã huấn luyện đưa ra vượt lên trên mức đó mới đến từ quá trình huấn luyện.</translation>
        </message>
        <message>
            <source>With the small random weights of an untrained GPT-2 the attention scores are small, so attention spreads fairly evenly over the earlier tokens; sharp patterns that appear only in a trained model were learned.</source>
            <translation>Với các trọng số ngẫu nhiên nhỏ của một GPT-2 chưa huấn luyện, điểm chú ý nhỏ nên sự chú ý trải khá đều lên các token đứng trước; những mẫu sắc nét chỉ xuất hiện ở mô hình đã huấn luyện là điều đã học được.</translation>
        </message>
        <message>
            <source>With "Compare with untrained model" ticked before the run, "Show the untrained control" above the figure draws the control's figure in place of the run's: tick and untick it to compare.</source>
            <translation>Khi đã đánh dấu "So sánh với mô hình chưa huấn luyện" trước lần chạy, ô "Hiện mô hình chưa huấn luyện" phía trên hình sẽ vẽ hình của mô hình chưa huấn luyện thay cho hình của lần chạy: đánh dấu rồi bỏ dấu để so sánh.</translation>
        </message>
    </context>
</TS>
